'use strict';

// The CryptoViz dashboard: latest prices kept current by the live stream, in a table that sorts,
// filters and shows every coin's last 24 hours, and a chart of one coin's history (line or
// candles, with technical indicators chosen by the user) or of the first coins' change over the
// range, and the alerts that fire while it is open.
(() => {
  const API = 'api/v1/';
  const COMPARED_COINS = 10;
  const SPARKLINE_REFRESH = 15 * 60e3; // hourly values: a quarter of an hour late at most
  const MAX_ALERTS = 50;
  // drawn over the price; the others in a pane of their own below it
  const OVERLAYS = new Set(['sma', 'ema', 'bb']);
  const RANGES = { '1h': 3600e3, '24h': 86400e3, '7d': 7 * 86400e3, '30d': 30 * 86400e3, '1y': 365 * 86400e3 };

  const state = {
    latest: new Map(),
    rows: new Map(),
    sparklines: new Map(),
    sparklinesLoaded: false,
    simulated: new Set(),
    sort: { key: 'market_cap', descending: true },
    sortPending: false,
    filter: '',
    coin: null,
    view: 'line',
    range: '24h',
    interval: '',
    currency: 'usd',
    chart: null,
    chartRequest: 0,
    historyLoading: false,
    indicators: [],
  };

  const $ = (selector) => document.querySelector(selector);
  const tbody = $('#prices tbody');

  // ---------- formatting: missing figures are shown as missing, never as 0 ----------

  const missing = (value) => value === null || value === undefined;

  // a formatter is costly to make and hundreds of cells use a few: each is made once
  const formats = new Map();

  function format(key, options) {
    if (!formats.has(key)) formats.set(key, new Intl.NumberFormat('en-US', options));
    return formats.get(key);
  }

  function money(value, currency) {
    if (missing(value)) return null;
    const digits = value >= 1 ? 2 : 6;
    return format(currency + digits, {
      style: 'currency', currency: currency.toUpperCase(),
      minimumFractionDigits: Math.min(2, digits), maximumFractionDigits: digits,
    }).format(value);
  }

  function count(n, noun) {
    return `${n} ${noun}${n === 1 ? '' : 's'}`;
  }

  function compact(value) {
    if (missing(value)) return null;
    return format('compact', {
      style: 'currency', currency: 'USD', notation: 'compact', maximumFractionDigits: 2,
    }).format(value);
  }

  function percent(value) {
    if (missing(value)) return null;
    const sign = value > 0 ? '▲ ' : value < 0 ? '▼ ' : '';
    return sign + Math.abs(value).toFixed(2) + '%';
  }

  function time(iso) {
    const date = new Date(iso);
    const sameDay = date.toDateString() === new Date().toDateString();
    return sameDay ? date.toLocaleTimeString() : date.toLocaleString();
  }

  function setCell(cell, text) {
    cell.textContent = missing(text) ? '—' : text;
    cell.classList.toggle('missing', missing(text));
  }

  // ---------- API ----------

  async function getJson(path) {
    const response = await fetch(API + path, { headers: { Accept: 'application/json' } });
    const body = await response.json().catch(() => null);
    if (!response.ok) {
      throw new Error((body && (body.detail || body.title)) || 'HTTP ' + response.status);
    }
    return body;
  }

  function query(params) {
    const search = new URLSearchParams();
    Object.entries(params).forEach(([key, value]) => {
      if (!missing(value) && value !== '') search.set(key, value);
    });
    return search.toString();
  }

  // ---------- latest prices table ----------

  const CELLS = ['coin', 'price-usd num', 'price-eur num', 'change num', 'spark', 'market-cap num', 'volume num',
    'updated num'];

  // what each column sorts by; a missing figure sorts last whichever the direction
  const SORT_KEYS = {
    coin: (coin) => coin,
    price_usd: (coin) => figure(coin, 'price_usd'),
    price_eur: (coin) => figure(coin, 'price_eur'),
    change_24h: (coin) => figure(coin, 'change_24h'),
    trend: (coin) => trend(state.sparklines.get(coin)),
    market_cap: (coin) => figure(coin, 'market_cap'),
    volume_24h: (coin) => figure(coin, 'volume_24h'),
    timestamp: (coin) => {
      const latest = state.latest.get(coin);
      return latest ? Date.parse(latest.timestamp) : null;
    },
  };

  function figure(coin, name) {
    const latest = state.latest.get(coin);
    return latest ? latest[name] : null;
  }

  function row(coin) {
    let tr = state.rows.get(coin);
    if (!tr) {
      tr = document.createElement('tr');
      tr.dataset.coin = coin;
      for (const name of CELLS) {
        const td = document.createElement('td');
        td.className = name;
        tr.appendChild(td);
      }
      tr.querySelector('.coin').textContent = coin;
      tr.addEventListener('click', () => selectCoin(coin));
      tr.hidden = !matchesFilter(coin);
      state.rows.set(coin, tr);
      tbody.appendChild(tr);
      renderSparkline(coin);
    }
    return tr;
  }

  function render(price, flash) {
    const tr = row(price.crypto);
    setCell(tr.querySelector('.price-usd'), money(price.price_usd, 'usd'));
    setCell(tr.querySelector('.price-eur'), money(price.price_eur, 'eur'));
    const change = tr.querySelector('.change');
    setCell(change, percent(price.change_24h));
    change.classList.toggle('up', !missing(price.change_24h) && price.change_24h > 0);
    change.classList.toggle('down', !missing(price.change_24h) && price.change_24h < 0);
    setCell(tr.querySelector('.market-cap'), compact(price.market_cap));
    setCell(tr.querySelector('.volume'), compact(price.volume_24h));
    const updated = tr.querySelector('.updated');
    setCell(updated, missing(price.timestamp) ? null : time(price.timestamp));
    updated.title = price.timestamp ? price.timestamp + ' (' + (price.source || 'unknown source') + ')' : '';
    if (flash) {
      tr.classList.remove('flash');
      void tr.offsetWidth; // restart the animation
      tr.classList.add('flash');
    }
  }

  function apply(price, flash) {
    const known = state.latest.get(price.crypto);
    // a late tick (older than the one shown) does not replace it
    if (known && Date.parse(known.timestamp) > Date.parse(price.timestamp)) return;
    const isNew = !state.rows.has(price.crypto);
    state.latest.set(price.crypto, price);
    render(price, flash);
    if (isNew && flash) {
      // a coin the stream brought: the producer tracks it now
      fillCoinSelect();
      showCount();
    }
    scheduleSort();
    // simulated prices must never pass for market data
    if (price.source === 'simulated') state.simulated.add(price.crypto);
    else state.simulated.delete(price.crypto);
    $('#simulated').hidden = state.simulated.size === 0;
  }

  function showPricesMessage(text) {
    const message = $('#prices-message');
    message.textContent = text || '';
    message.hidden = !text;
    message.classList.toggle('error', Boolean(text));
  }

  // ---------- sorting and filtering ----------

  function compareCoins(a, b) {
    const key = SORT_KEYS[state.sort.key];
    const va = key(a);
    const vb = key(b);
    if (missing(va) !== missing(vb)) return missing(va) ? 1 : -1;
    const order = missing(va) ? 0 : byValue(va, vb);
    return (order * (state.sort.descending ? -1 : 1)) || byValue(a, b);
  }

  // coin ids are lower-case ASCII: code-unit order, the API's order too
  const byValue = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

  function sortRows() {
    state.sortPending = false;
    const coins = [...state.rows.keys()].sort(compareCoins);
    tbody.append(...coins.map((coin) => state.rows.get(coin)));
    document.querySelectorAll('#prices th[data-sort]').forEach((th) => {
      const sorted = th.dataset.sort === state.sort.key;
      th.setAttribute('aria-sort', sorted ? (state.sort.descending ? 'descending' : 'ascending') : 'none');
    });
  }

  // ticks come in bursts (a poll is every coin at once): one sort per frame, not one per tick
  function scheduleSort() {
    if (state.sortPending) return;
    state.sortPending = true;
    requestAnimationFrame(sortRows);
  }

  function sortBy(key) {
    // a second click turns the order round; a new column starts with its most telling end
    state.sort = state.sort.key === key ? { key, descending: !state.sort.descending }
      : { key, descending: key !== 'coin' };
    sortRows();
  }

  const words = (text) => text.toLowerCase().replace(/[\s_-]+/g, ' ').trim();

  function matchesFilter(coin) {
    return !state.filter || words(coin).includes(state.filter);
  }

  function applyFilter() {
    state.filter = words($('#filter').value);
    state.rows.forEach((tr, coin) => { tr.hidden = !matchesFilter(coin); });
    showCount();
  }

  function showCount() {
    const shown = visibleCoins().length;
    const all = state.rows.size;
    $('#prices-count').textContent = shown === all ? count(all, 'coin') : `${shown} of ${count(all, 'coin')}`;
  }

  /** The coins of the table as shown: filtered, in its order. */
  function visibleCoins() {
    return [...tbody.rows].filter((tr) => !tr.hidden).map((tr) => tr.dataset.coin);
  }

  // ---------- sparklines: every coin's last 24 hours, from one request ----------

  const SPARK_WIDTH = 100;
  const SPARK_HEIGHT = 28;

  function trend(values) {
    const known = (values || []).filter((value) => !missing(value));
    return known.length < 2 || known[0] === 0 ? null : (known[known.length - 1] / known[0] - 1) * 100;
  }

  // an hour without ticks is a gap in the line, not a drop to zero
  function sparkPath(values) {
    const known = values.filter((value) => !missing(value));
    const low = Math.min(...known);
    const span = (Math.max(...known) - low) || 1;
    const step = values.length > 1 ? SPARK_WIDTH / (values.length - 1) : 0;
    let path = '';
    let drawing = false;
    values.forEach((value, i) => {
      if (missing(value)) {
        drawing = false;
        return;
      }
      const x = (i * step).toFixed(1);
      const y = (SPARK_HEIGHT - 2 - ((value - low) / span) * (SPARK_HEIGHT - 4)).toFixed(1);
      path += (drawing ? 'L' : 'M') + x + ' ' + y;
      drawing = true;
    });
    return path;
  }

  function renderSparkline(coin) {
    const tr = state.rows.get(coin);
    if (!tr) return;
    const cell = tr.querySelector('.spark');
    const values = state.sparklines.get(coin) || [];
    const change = trend(values);
    if (values.every(missing)) {
      setCell(cell, state.sparklinesLoaded ? null : '');
      cell.classList.remove('up', 'down');
      cell.title = '';
      return;
    }
    cell.classList.remove('missing');
    cell.classList.toggle('up', change !== null && change > 0);
    cell.classList.toggle('down', change !== null && change < 0);
    cell.title = change === null ? 'last 24 h' : 'last 24 h: ' + (change > 0 ? '+' : '') + change.toFixed(2) + '%';
    // numbers only: no text from the API reaches this markup
    cell.innerHTML = `<svg viewBox="0 0 ${SPARK_WIDTH} ${SPARK_HEIGHT}" width="${SPARK_WIDTH}" `
      + `height="${SPARK_HEIGHT}" aria-hidden="true"><path d="${sparkPath(values)}"/></svg>`;
  }

  async function loadSparklines() {
    try {
      const data = await getJson('sparklines?currency=usd');
      state.sparklines = new Map(data.sparklines.map((sparkline) => [sparkline.coin, sparkline.values]));
      state.sparklinesLoaded = true;
    } catch (error) {
      showPricesMessage('Could not load the 24 h sparklines: ' + error.message);
    }
    state.rows.forEach((tr, coin) => renderSparkline(coin));
    if (state.sort.key === 'trend') scheduleSort();
  }

  async function loadPrices() {
    const sparklines = loadSparklines();
    try {
      const latest = await getJson('latest');
      latest.forEach((price) => apply(price, false));
      if (latest.length === 0) showPricesMessage('No prices yet: nothing is stored in InfluxDB.');
      else showPricesMessage('');
    } catch (error) {
      showPricesMessage('Could not load the latest prices: ' + error.message);
    }
    sortRows();
    showCount();
    fillCoinSelect();
    await Promise.all([sparklines, loadChart()]);
    // the first screen is complete: prices, sparklines and the chart (docs/benchmarks.md)
    if (!document.body.dataset.firstScreen) {
      document.body.dataset.firstScreen = String(Math.round(performance.now()));
    }
  }

  // ---------- live stream ----------

  function connectStream() {
    const status = $('#stream-status');
    const source = new EventSource(API + 'stream');
    const show = (stateName, text) => {
      document.body.dataset.stream = stateName;
      status.textContent = text;
    };
    source.addEventListener('open', () => show('open', 'live'));
    source.addEventListener('tick', (event) => {
      try {
        apply(JSON.parse(event.data), true);
      } catch (error) {
        // one unreadable event is skipped; the next one will do
      }
    });
    source.addEventListener('alert', (event) => {
      try {
        showAlert(JSON.parse(event.data));
      } catch (error) {
        // as for ticks
      }
    });
    source.addEventListener('error', () => {
      // EventSource reconnects by itself while readyState is CONNECTING
      show(source.readyState === EventSource.CLOSED ? 'closed' : 'connecting',
        source.readyState === EventSource.CLOSED ? 'offline' : 'reconnecting…');
    });
  }

  // ---------- alerts ----------

  // an alert the live stream brought: at the top of the list, which shows from the first one on
  function showAlert(alert) {
    const list = $('#alerts');
    if (list.querySelector(`li[data-alert-id="${CSS.escape(alert.alert_id)}"]`)) return;
    const item = document.createElement('li');
    item.dataset.alertId = alert.alert_id;
    item.dataset.coin = alert.coin;
    const when = document.createElement('time');
    when.dateTime = alert.tick_time;
    when.textContent = time(alert.tick_time);
    const text = document.createElement('span');
    text.className = 'alert-message';
    text.textContent = alert.message;
    item.append(when, text);
    list.prepend(item);
    while (list.children.length > MAX_ALERTS) list.lastElementChild.remove();
    $('#alerts-card').hidden = false;
  }

  // ---------- chart ----------

  // the first coin of the table as sorted (the largest market cap) is charted until another is picked
  function fillCoinSelect() {
    const select = $('#coin');
    const coins = [...state.rows.keys()].sort();
    select.replaceChildren(...coins.map((coin) => new Option(coin, coin)));
    if (!state.coin || !state.rows.has(state.coin)) state.coin = tbody.rows.length ? tbody.rows[0].dataset.coin : null;
    if (state.coin) select.value = state.coin;
    markSelectedRow();
  }

  function selectCoin(coin) {
    state.coin = coin;
    $('#coin').value = coin;
    if (state.view === 'compare') setSegment('view', 'line');
    markSelectedRow();
    loadChart();
  }

  function markSelectedRow() {
    state.rows.forEach((tr, coin) => tr.classList.toggle('selected', coin === state.coin));
  }

  function setSegment(group, value) {
    state[group] = value;
    document.querySelectorAll(`#${group} button`).forEach((button) => {
      button.setAttribute('aria-pressed', String(button.dataset.value === value));
    });
  }

  function chartStatus(text, isError) {
    const status = $('#chart-status');
    status.textContent = text;
    status.classList.toggle('error', Boolean(isError));
  }

  // ECharts runs after this script (see index.html): the chart waits for it, the table does not.
  // Not `window.echarts` alone: until the library has run, that names the <script id="echarts"> element.
  const echartsReady = () => typeof window.echarts?.init === 'function';
  const echartsLoaded = new Promise((resolve) => {
    const script = $('#echarts');
    if (echartsReady() || !script) {
      resolve();
      return;
    }
    script.addEventListener('load', resolve);
    script.addEventListener('error', resolve); // no chart then, as without the script
  });

  function chart() {
    if (!state.chart && echartsReady()) {
      state.chart = window.echarts.init($('#chart'));
      window.addEventListener('resize', () => state.chart.resize());
    }
    return state.chart;
  }

  function rangeParams() {
    const to = new Date();
    const from = new Date(to.getTime() - RANGES[state.range]);
    return { from: from.toISOString(), to: to.toISOString(), interval: state.interval };
  }

  // the axis spans the range asked for, whatever part of it has data
  const timeAxis = (data) => ({ type: 'time', min: data.from, max: data.to });

  // a short series is drawn with its points, or a single point would not show at all
  const symbols = (points) => points.length < 60;

  function bucketLabel(iso) {
    return new Date(iso).toLocaleString('en-US', { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  }

  async function loadChart() {
    if (!state.coin && state.view !== 'compare') return;
    const request = ++state.chartRequest;
    chartStatus('Loading…');
    try {
      const range = rangeParams();
      let option;
      let summary;
      if (state.view === 'compare') {
        // the first coins of the table as sorted and filtered: hundreds of lines would show none
        const coins = visibleCoins().slice(0, COMPARED_COINS).join(',');
        const data = await getJson('compare?' + query({ coins, currency: state.currency, ...range }));
        option = compareOption(data);
        const points = data.series.reduce((sum, series) => sum + series.points.length, 0);
        summary = points === 0 ? null : `${count(data.series.length, 'coin')} · ${count(points, 'point')} · interval ${data.interval}`;
      } else if (state.view === 'candles') {
        const data = await getJson(`coins/${encodeURIComponent(state.coin)}/candles?`
          + query({ currency: state.currency, ...range }));
        const indicators = await loadIndicators({ ...range, interval: data.interval });
        option = withIndicators(candleOption(data), indicators, true, data.candles.map((candle) => candle.time));
        summary = data.candles.length === 0 ? null : `${count(data.candles.length, 'candle')} · interval ${data.interval}`;
      } else {
        const data = await getJson(`coins/${encodeURIComponent(state.coin)}/history?`
          + query({ field: 'price_' + state.currency, ...range }));
        const indicators = await loadIndicators({ ...range, interval: data.interval });
        option = withIndicators(lineOption(data), indicators, false, null);
        summary = data.points.length === 0 ? null : `${count(data.points.length, 'point')} · interval ${data.interval}`;
      }
      await echartsLoaded;
      if (request !== state.chartRequest) return; // a newer choice is loading
      const instance = chart();
      if (instance) instance.setOption(option, true);
      const drawn = state.view === 'compare' ? [] : state.indicators;
      chartStatus((summary || 'No data in this range.') + (summary && drawn.length ? ` · ${drawn.join(', ')}` : ''));
      document.body.dataset.chart = state.view;
      $('#chart').dataset.indicators = drawn.join(',');
    } catch (error) {
      if (request !== state.chartRequest) return;
      if (state.chart) state.chart.clear();
      chartStatus(error.message, true);
    }
  }

  const baseOption = () => ({
    animation: false,
    grid: { left: 70, right: 24, top: 30, bottom: 60 },
    tooltip: { trigger: 'axis' },
    dataZoom: [{ type: 'inside', start: 0, end: 100 }, { type: 'slider', height: 20, bottom: 10, start: 0, end: 100 }],
  });

  function lineOption(data) {
    return {
      ...baseOption(),
      xAxis: timeAxis(data),
      yAxis: { type: 'value', scale: true, name: data.field },
      series: [{
        name: `${data.coin} ${data.field}`, type: 'line', showSymbol: symbols(data.points), lineStyle: { width: 2 },
        areaStyle: { opacity: 0.08 }, data: data.points.map((point) => [point.time, point.value]),
      }],
    };
  }

  function candleOption(data) {
    return {
      ...baseOption(),
      xAxis: { type: 'category', data: data.candles.map((candle) => bucketLabel(candle.time)), boundaryGap: true },
      yAxis: { type: 'value', scale: true, name: data.currency.toUpperCase() },
      series: [{
        name: `${data.coin} ${data.currency.toUpperCase()}`, type: 'candlestick',
        itemStyle: { color: '#0f8a4c', color0: '#c62828', borderColor: '#0f8a4c', borderColor0: '#c62828' },
        // ECharts wants [open, close, low, high]
        data: data.candles.map((candle) => [candle.open, candle.close, candle.low, candle.high]),
      }],
    };
  }

  function compareOption(data) {
    return {
      ...baseOption(),
      legend: { top: 0 },
      xAxis: timeAxis(data),
      yAxis: { type: 'value', scale: true, axisLabel: { formatter: '{value}%' } },
      series: data.series.map((series) => ({
        name: series.coin, type: 'line', showSymbol: symbols(series.points),
        data: series.points.map((point) => [point.time, Number(point.change_pct.toFixed(3))]),
      })),
    };
  }

  // ---------- indicators ----------

  async function loadIndicators(range) {
    if (state.indicators.length === 0) return null;
    return getJson(`coins/${encodeURIComponent(state.coin)}/indicators?`
      + query({ indicators: state.indicators.join(','), currency: state.currency, ...range }));
  }

  // SMA, EMA and Bollinger bands over the price; RSI and MACD in a pane below, on the same times
  function withIndicators(option, data, categories, candleTimes) {
    if (!data || data.indicators.length === 0) return option;
    const pane = data.indicators.some((indicator) => !OVERLAYS.has(indicator.type));
    const at = (values) => {
      if (!categories) return data.times.map((iso, i) => [iso, values[i]]);
      const byTime = new Map(data.times.map((iso, i) => [iso, values[i]]));
      return candleTimes.map((iso) => (byTime.has(iso) ? byTime.get(iso) : null));
    };
    const series = [...option.series];
    for (const indicator of data.indicators) {
      const overlay = OVERLAYS.has(indicator.type);
      for (const [line, values] of Object.entries(indicator.lines)) {
        const histogram = line === 'histogram';
        series.push({
          name: line === 'value' ? indicator.id : `${indicator.id} ${line}`,
          type: histogram ? 'bar' : 'line', showSymbol: false, connectNulls: false,
          lineStyle: { width: 1.5, type: indicator.type === 'bb' && line !== 'middle' ? 'dashed' : 'solid' },
          xAxisIndex: overlay ? 0 : 1, yAxisIndex: overlay ? 0 : 1, data: at(values),
        });
      }
    }
    const result = { ...option, series, legend: { top: 0, type: 'scroll' } };
    if (pane) {
      const first = Array.isArray(option.xAxis) ? option.xAxis[0] : option.xAxis;
      result.grid = [{ ...option.grid, bottom: '38%' }, { left: option.grid.left, right: option.grid.right, top: '68%', bottom: 60 }];
      result.xAxis = [first, { ...first, gridIndex: 1, axisLabel: { show: false } }];
      result.yAxis = [option.yAxis, { type: 'value', scale: true, gridIndex: 1, splitNumber: 2 }];
      result.dataZoom = option.dataZoom.map((zoom) => ({ ...zoom, xAxisIndex: [0, 1] }));
      result.tooltip = { trigger: 'axis', axisPointer: { link: [{ xAxisIndex: 'all' }] } };
    }
    return result;
  }

  // ---------- history loading ----------

  // while the producer loads missing history, says how far it is; the chart is drawn again when it is done
  async function watchHistory() {
    const line = $('#history-progress');
    let loading = false;
    try {
      const response = await fetch(API + 'history/progress', { headers: { Accept: 'application/json' } });
      const progress = response.status === 200 ? await response.json() : null;
      loading = Boolean(progress) && progress.state !== 'idle';
      if (loading) {
        line.textContent = `loading history … ${Math.floor(progress.percent)} %`
          + (progress.coins_pending > 0 ? ` (${count(progress.coins_pending, 'coin')} to go)` : '');
      } else if (state.historyLoading) {
        loadChart();
      }
    } catch (error) {
      // the line is a hint; the next look will do
    }
    line.hidden = !loading;
    state.historyLoading = loading;
    setTimeout(watchHistory, loading ? 2000 : 15000);
  }

  // ---------- wiring ----------

  function wireControls() {
    $('#coin').addEventListener('change', (event) => selectCoin(event.target.value));
    for (const group of ['view', 'range']) {
      document.querySelectorAll(`#${group} button`).forEach((button) => {
        button.addEventListener('click', () => {
          setSegment(group, button.dataset.value);
          loadChart();
        });
      });
    }
    $('#interval').addEventListener('change', (event) => { state.interval = event.target.value; loadChart(); });
    $('#currency').addEventListener('change', (event) => { state.currency = event.target.value; loadChart(); });
    document.querySelectorAll('#indicators input').forEach((box) => {
      box.addEventListener('change', () => {
        state.indicators = [...document.querySelectorAll('#indicators input:checked')].map((checked) => checked.value);
        if (state.view !== 'compare') loadChart();
      });
    });
    document.querySelectorAll('#prices th[data-sort] button').forEach((button) => {
      button.addEventListener('click', () => sortBy(button.parentElement.dataset.sort));
    });
    $('#filter').addEventListener('input', () => {
      applyFilter();
      if (state.view === 'compare') loadChart();
    });
  }

  wireControls();
  connectStream();
  loadPrices();
  setInterval(loadSparklines, SPARKLINE_REFRESH);
  watchHistory();
})();
