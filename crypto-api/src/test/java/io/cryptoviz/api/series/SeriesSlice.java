package io.cryptoviz.api.series;

import org.springframework.test.context.bean.override.mockito.MockitoBean;

/** In the web slice, the series queries are mocked: the slice tests the controllers, not InfluxDB. */
@MockitoBean(types = SeriesQueries.class)
public interface SeriesSlice {

}
