package io.cryptoviz.consumer.listen;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.cryptoviz.consumer.deadletter.DeadLetterException;
import io.cryptoviz.consumer.deadletter.DeadLetterException.Kind;
import io.cryptoviz.consumer.deadletter.DeadLetters;
import io.cryptoviz.consumer.rollup.Rollups;
import io.cryptoviz.consumer.write.WriteMeters;
import io.cryptoviz.influx.CryptoPriceSchema;
import io.cryptoviz.influx.InfluxGateway;
import io.cryptoviz.influx.WriteResult;
import io.cryptoviz.tick.PriceTick;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

/**
 * Stores each poll of ticks with one InfluxDB write and dead-letters what can never be stored.
 * Returning normally lets the container commit the batch's offsets, so it returns only once every
 * record is either in InfluxDB or in the dead-letter topic. When InfluxDB cannot take the write,
 * the exception goes to the container's error handler, which pauses the consumer and retries the
 * whole batch; points are idempotent, so a retried or redelivered batch adds no duplicate. The
 * candles the stored ticks fall in are recomputed before the listener returns, so a batch whose
 * candles could not be stored is retried too.
 */
@Component
class TickListener {

	private static final Logger logger = LoggerFactory.getLogger(TickListener.class);

	private static final LogAccessor logAccessor = new LogAccessor(TickListener.class);

	private final DistributionSummary batchSize;

	private final InfluxGateway influx;

	private final WriteMeters writeMeters;

	private final DeadLetters deadLetters;

	private final Rollups rollups;

	TickListener(InfluxGateway influx, WriteMeters writeMeters, DeadLetters deadLetters, Rollups rollups,
			MeterRegistry meters) {
		this.batchSize = DistributionSummary.builder("crypto.consumer.batch.size")
			.description("Records per Kafka poll handed to the consumer")
			.register(meters);
		this.influx = influx;
		this.writeMeters = writeMeters;
		this.deadLetters = deadLetters;
		this.rollups = rollups;
	}

	@KafkaListener(id = "${spring.kafka.consumer.group-id}", topics = "${cryptoviz.kafka.topic}", batch = "true")
	void onTicks(List<ConsumerRecord<String, @Nullable PriceTick>> records) {
		this.batchSize.record(records.size());
		List<ConsumerRecord<String, @Nullable PriceTick>> readable = new ArrayList<>(records.size());
		List<PriceTick> ticks = new ArrayList<>(records.size());
		List<String> lines = new ArrayList<>(records.size());
		List<DeadLetter> deadLetters = new ArrayList<>();
		for (ConsumerRecord<String, @Nullable PriceTick> record : records) {
			PriceTick tick = record.value();
			if (tick == null) {
				deadLetters.add(new DeadLetter(record, poisonReason(record)));
			}
			else {
				readable.add(record);
				ticks.add(tick);
				lines.add(CryptoPriceSchema.toLineProtocol(tick));
			}
		}
		// the writes come first: if InfluxDB is down, the retry must not dead-letter twice
		WriteResult result = this.influx.write(this.influx.target(), lines, this.writeMeters);
		List<PriceTick> stored = ticks;
		if (!result.rejected().isEmpty()) {
			stored = new ArrayList<>(ticks.size());
			for (int i = 0; i < ticks.size(); i++) {
				if (!result.rejected().containsKey(i)) {
					stored.add(ticks.get(i));
				}
			}
		}
		this.rollups.update(stored);
		for (Map.Entry<Integer, String> rejected : result.rejected().entrySet()) {
			deadLetters.add(new DeadLetter(readable.get(rejected.getKey()),
					new DeadLetterException(Kind.REJECTED, rejected.getValue(), null)));
		}
		deadLetters.forEach((deadLetter) -> this.deadLetters.send(deadLetter.record(), deadLetter.reason()));
		if (!deadLetters.isEmpty()) {
			DeadLetter first = deadLetters.get(0);
			logger.warn("Dead-lettered {} of {} records; first: {}-{}@{}: {}", deadLetters.size(), records.size(),
					first.record().topic(), first.record().partition(), first.record().offset(),
					first.reason().getMessage());
		}
	}

	private static DeadLetterException poisonReason(ConsumerRecord<String, ?> record) {
		DeserializationException failure = SerializationUtils.getExceptionFromHeader(record,
				KafkaUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, logAccessor);
		if (failure == null) {
			return new DeadLetterException(Kind.POISON, "record has no value", null);
		}
		return new DeadLetterException(Kind.POISON, "not a tick: " + rootMessage(failure), failure);
	}

	private static String rootMessage(Throwable failure) {
		Throwable root = NestedExceptionUtils.getMostSpecificCause(failure);
		String message = (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
		String firstLine = message.lines().findFirst().orElse(message).strip();
		return (firstLine.length() > 300) ? firstLine.substring(0, 300) + "…" : firstLine;
	}

	private record DeadLetter(ConsumerRecord<String, ?> record, DeadLetterException reason) {
	}

}
