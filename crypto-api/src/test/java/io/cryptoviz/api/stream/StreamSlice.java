package io.cryptoviz.api.stream;

import org.springframework.test.context.bean.override.mockito.MockitoBean;

/** In the web slice, the broadcaster is mocked: the slice tests the controller, not the streams. */
@MockitoBean(types = TickBroadcaster.class)
public interface StreamSlice {

}
