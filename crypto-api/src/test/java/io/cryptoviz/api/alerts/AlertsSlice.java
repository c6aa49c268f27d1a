package io.cryptoviz.api.alerts;

import org.springframework.test.context.bean.override.mockito.MockitoBean;

/** In the web slice, the alerts' rules, token and settings are mocked: their flow is tested on real Kafka. */
@MockitoBean(types = { RuleStore.class, AlertWriteAuth.class, WebhookAddresses.class, AlertProperties.class })
public interface AlertsSlice {

}
