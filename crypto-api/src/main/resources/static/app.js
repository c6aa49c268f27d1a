'use strict';

// The CryptoViz dashboard: latest prices kept current by the live stream, and a chart of one
// coin's history (line or candles) or of every coin's change over the range.
(() => {
  const API = 'api/v1/';
  const RANGES = { '1h': 3600e3, '24h': 86400e3, '7d': 7 * 86400e3, '30d': 30 * 86400e3, '1y': 365 * 86400e3 };

  const state = {
    coins: [],
    latest: new Map(),
    coin: null,
    view: 'line',
    range: '24h',
    interval: '',
    currency: 'usd',
    chart: null,
    chartRequest: 0,
  };

  const $ = (selector) => document.querySelector(selector);
  const tbody = $('#prices tbody');

  // ---------- formatting: missing figures are shown as missing, never as 0 ----------

  const missing = (value) => value === null || value === undefined;

  function money(value, currency) {
    if (missing(value)) return null;
    const digits = value >= 1 ? 2 : 6;
    return new Intl.NumberFormat('en-US', {
      style: 'currency', currency: currency.toUpperCase(),
      minimumFractionDigits: Math.min(2, digits), maximumFractionDigits: digits,
    }).format(value);
  }

  function count(n, noun) {
    return `${n} ${noun}${n === 1 ? '' : 's'}`;
  }

  function compact(value) {
    if (missing(value)) return null;
    return new Intl.NumberFormat('en-US', {
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

  function row(coin) {
    let tr = tbody.querySelector(`tr[data-coin="${CSS.escape(coin)}"]`);
    if (!tr) {
      tr = document.createElement('tr');
      tr.dataset.coin = coin;
      for (const name of ['coin', 'price-usd num', 'price-eur num', 'change num', 'market-cap num', 'volume num',
        'updated num']) {
        const td = document.createElement('td');
        td.className = name;
        tr.appendChild(td);
      }
      tr.querySelector('.coin').textContent = coin;
      tr.addEventListener('click', () => selectCoin(coin));
      tbody.appendChild(tr);
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

  function placeholder(coin) {
    const tr = row(coin);
    ['.price-usd', '.price-eur', '.change', '.market-cap', '.volume'].forEach((cell) => setCell(tr.querySelector(cell), null));
    setCell(tr.querySelector('.updated'), 'no tick yet');
  }

  function apply(price, flash) {
    const known = state.latest.get(price.crypto);
    // a late tick (older than the one shown) does not replace it
    if (known && Date.parse(known.timestamp) > Date.parse(price.timestamp)) return;
    state.latest.set(price.crypto, price);
    render(price, flash);
    // simulated prices must never pass for market data
    $('#simulated').hidden = ![...state.latest.values()].some((latest) => latest.source === 'simulated');
  }

  function showPricesMessage(text) {
    const message = $('#prices-message');
    message.textContent = text || '';
    message.hidden = !text;
    message.classList.toggle('error', Boolean(text));
  }

  async function loadPrices() {
    try {
      const coins = await getJson('coins');
      state.coins = coins.map((coin) => coin.id);
      state.coins.forEach((coin) => { if (!state.latest.has(coin)) placeholder(coin); });
      fillCoinSelect();
      const latest = await getJson('latest');
      latest.forEach((price) => apply(price, false));
      showPricesMessage('');
    } catch (error) {
      showPricesMessage('Could not load the latest prices: ' + error.message);
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
    source.addEventListener('error', () => {
      // EventSource reconnects by itself while readyState is CONNECTING
      show(source.readyState === EventSource.CLOSED ? 'closed' : 'connecting',
        source.readyState === EventSource.CLOSED ? 'offline' : 'reconnecting…');
    });
  }

  // ---------- chart ----------

  function fillCoinSelect() {
    const select = $('#coin');
    select.replaceChildren(...state.coins.map((coin) => new Option(coin, coin)));
    if (!state.coin || !state.coins.includes(state.coin)) state.coin = state.coins[0] || null;
    if (state.coin) select.value = state.coin;
    markSelectedRow();
    loadChart();
  }

  function selectCoin(coin) {
    state.coin = coin;
    $('#coin').value = coin;
    if (state.view === 'compare') setSegment('view', 'line');
    markSelectedRow();
    loadChart();
  }

  function markSelectedRow() {
    tbody.querySelectorAll('tr').forEach((tr) => tr.classList.toggle('selected', tr.dataset.coin === state.coin));
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

  function chart() {
    if (!state.chart && window.echarts) {
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
        const data = await getJson('compare?' + query({ currency: state.currency, ...range }));
        option = compareOption(data);
        const points = data.series.reduce((sum, series) => sum + series.points.length, 0);
        summary = points === 0 ? null : `${count(data.series.length, 'coin')} · ${count(points, 'point')} · interval ${data.interval}`;
      } else if (state.view === 'candles') {
        const data = await getJson(`coins/${encodeURIComponent(state.coin)}/candles?`
          + query({ currency: state.currency, ...range }));
        option = candleOption(data);
        summary = data.candles.length === 0 ? null : `${count(data.candles.length, 'candle')} · interval ${data.interval}`;
      } else {
        const data = await getJson(`coins/${encodeURIComponent(state.coin)}/history?`
          + query({ field: 'price_' + state.currency, ...range }));
        option = lineOption(data);
        summary = data.points.length === 0 ? null : `${count(data.points.length, 'point')} · interval ${data.interval}`;
      }
      if (request !== state.chartRequest) return; // a newer choice is loading
      const instance = chart();
      if (instance) instance.setOption(option, true);
      chartStatus(summary || 'No data in this range.');
      document.body.dataset.chart = state.view;
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
  }

  wireControls();
  connectStream();
  loadPrices();
})();
