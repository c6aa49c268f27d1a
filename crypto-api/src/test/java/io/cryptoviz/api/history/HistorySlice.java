package io.cryptoviz.api.history;

import org.springframework.test.context.bean.override.mockito.MockitoBean;

/** In the web slice, the history topic's reader is mocked: the slice tests the controller, not Kafka. */
@MockitoBean(types = HistoryProgress.class)
public interface HistorySlice {

}
