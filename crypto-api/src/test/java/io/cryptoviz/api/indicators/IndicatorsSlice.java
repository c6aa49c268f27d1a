package io.cryptoviz.api.indicators;

import org.springframework.test.context.bean.override.mockito.MockitoBean;

/** In the web slice, the indicators' computation is mocked: the slice tests the parameters, not the math. */
@MockitoBean(types = IndicatorService.class)
public interface IndicatorsSlice {

}
