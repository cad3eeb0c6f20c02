/* Zhili dispatch console: hotspot tiles, legend, selectors, cell popups, district outlines, one list of the
   live alerts (zhili live's SURGE / RECURRENCE / OVERDUE_* and the truck rules) over Server-Sent Events, and
   a detail panel of a clicked cell (counts by category, forecast, trend). Everything comes from the zhili
   serve that delivered this page. */
(function () {
  'use strict';

  var RULE_COLORS = {
    ROUTE_DEVIATION: '#8250df', RESTRICTED_ZONE: '#cf222e', OFF_HOURS: '#bf8700', UNCOVERED_LOAD: '#1a7f37',
    SPILLAGE: '#0969da', ILLEGAL_DUMPING: '#a40e26', SPEEDING: '#e16f24', SIGNAL_LOSS: '#57606a'
  };
  var HOT_LABELS = {
    HOT_99: 'Hot spot, 99 %', HOT_95: 'Hot spot, 95 %', HOT_90: 'Hot spot, 90 %', NOT_SIGNIFICANT: 'Not significant',
    COLD_90: 'Cold spot, 90 %', COLD_95: 'Cold spot, 95 %', COLD_99: 'Cold spot, 99 %'
  };
  var MAX_ALERT_MARKERS = 200;
  // Chinese names of the alert kinds: zhili live's four, and the truck rules (渣土车).
  var KIND_LABELS = { SURGE: '突增', RECURRENCE: '部件反复', OVERDUE_DISPATCH: '派遣超时', OVERDUE_CLOSE: '结案超时' };
  var KIND_COLORS = { SURGE: '#d1242f', RECURRENCE: '#8250df', OVERDUE_DISPATCH: '#bc4c00', OVERDUE_CLOSE: '#7d4e00' };
  var RULE_LABELS = {
    ROUTE_DEVIATION: '偏离路线', RESTRICTED_ZONE: '闯入禁区', OFF_HOURS: '违规时段运输', UNCOVERED_LOAD: '未密闭运输',
    SPILLAGE: '道路遗撒', ILLEGAL_DUMPING: '偷倒乱倒', SPEEDING: '超速', SIGNAL_LOSS: '信号丢失'
  };
  // The filter's choices: every alert, each live kind, the truck alerts together.
  var FILTERS = [['ALL', '全部 all'], ['SURGE', '突增 SURGE'], ['RECURRENCE', '部件反复 RECURRENCE'],
    ['OVERDUE_DISPATCH', '派遣超时 OVERDUE_DISPATCH'], ['OVERDUE_CLOSE', '结案超时 OVERDUE_CLOSE'], ['TRUCK', '渣土车 trucks']];

  var map = L.map('map', { zoomControl: true, attributionControl: true, worldCopyJump: false });
  map.attributionControl.setPrefix('Leaflet · Zhili');
  map.setView([36.07, 120.38], 11);
  map.createPane('areas').style.zIndex = 450;
  map.createPane('alerts').style.zIndex = 620;

  var state = { sets: [], set: null, layer: 'cases', tileJson: null, tiles: null, opacity: 0.85 };
  var el = function (id) { return document.getElementById(id); };

  function fetchJson(url) {
    return fetch(url).then(function (r) {
      if (!r.ok) { throw new Error(url + ': HTTP ' + r.status); }
      return r.json();
    });
  }

  function prefix(set) { return set.path ? set.path + '/' : ''; }

  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  function formatTime(ms) {
    if (ms === undefined || ms === null) { return ''; }
    return new Date(ms).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
  }

  function formatNumber(v) {
    if (typeof v !== 'number') { return v; }
    return Number.isInteger(v) ? v.toLocaleString('en-US') : v.toFixed(Math.abs(v) < 1 ? 4 : 2);
  }

  // ---- tile sets and selectors -------------------------------------------------------------------------
  function fillSelectors() {
    var periods = [];
    state.sets.forEach(function (s) { if (periods.indexOf(s.period) < 0) { periods.push(s.period); } });
    el('period').innerHTML = periods.map(function (p) {
      return '<option' + (p === state.set.period ? ' selected' : '') + '>' + escapeHtml(p) + '</option>';
    }).join('');
    fillCategories();
  }

  function categoryLabel(s) { return s.kind === 'ALL' ? s.category : s.kind + ':' + s.category; }

  function fillCategories() {
    var period = el('period').value;
    var current = categoryLabel(state.set);
    el('category').innerHTML = state.sets.filter(function (s) { return s.period === period; }).map(function (s) {
      var label = categoryLabel(s);
      return '<option value="' + escapeHtml(label) + '"' + (label === current ? ' selected' : '') + '>' + escapeHtml(label) + '</option>';
    }).join('');
  }

  function selectSet() {
    var period = el('period').value;
    var label = el('category').value;
    var found = state.sets.filter(function (s) { return s.period === period && categoryLabel(s) === label; })[0];
    if (found) { state.set = found; showLayer(false); }
  }

  function showLayer(fit) {
    var set = state.set;
    return fetchJson('/tiles/' + prefix(set) + state.layer + '/tilejson.json').then(function (tj) {
      state.tileJson = tj;
      var template = (tj.raster_tiles && tj.raster_tiles[0]) || (tj.format === 'png' ? tj.tiles[0] : null);
      if (state.tiles) { map.removeLayer(state.tiles); state.tiles = null; }
      if (template) {
        var b = tj.bounds;
        state.tiles = L.tileLayer(template, {
          minZoom: 0, maxZoom: 20, minNativeZoom: tj.minzoom, maxNativeZoom: tj.maxzoom, opacity: state.opacity,
          bounds: b ? L.latLngBounds([[b[1], b[0]], [b[3], b[2]]]) : undefined,
          attribution: 'hotspots ' + escapeHtml(set.period) + ' · ' + escapeHtml(set.category)
        }).addTo(map);
      }
      map.setMinZoom(Math.max(0, tj.minzoom - 1));
      map.setMaxZoom(tj.maxzoom + 2);
      if (fit && tj.bounds) {
        var bb = tj.bounds;
        map.fitBounds([[bb[1], bb[0]], [bb[3], bb[2]]], { maxZoom: tj.maxzoom });
      }
      el('setinfo').textContent = 'kind ' + set.kind + ' · ' + (state.layer === 'cases' ? 'value ' + set.value : 'Getis-Ord Gi*') +
        ' · z' + tj.minzoom + '–' + tj.maxzoom;
      renderLegend();
    }).catch(function (e) {
      el('setinfo').textContent = 'cannot load tiles: ' + e.message;
    });
  }

  // ---- legend ------------------------------------------------------------------------------------------
  function renderLegend() {
    var tj = state.tileJson;
    if (!tj || !tj.zhili) { el('legend').innerHTML = ''; return; }
    var z = Math.max(tj.minzoom, Math.min(tj.maxzoom, Math.round(map.getZoom())));
    var res = tj.zhili.resolution_by_zoom[String(z)];
    var html;
    if (state.layer === 'gi') {
      html = '<h3>Gi* hot/cold spots <span class="muted">H3 res ' + res + '</span></h3>' +
        tj.zhili.legend.map(function (e) {
          return '<div class="row"><span class="sw" style="background:' + e.color + ';opacity:' + e.opacity + '"></span>' +
            escapeHtml(HOT_LABELS[e['class']] || e['class']) + '</div>';
        }).join('');
    } else {
      var stops = tj.zhili.legend[String(res)] || [];
      var gradient = stops.map(function (s, i) { return s.color + ' ' + Math.round(100 * i / (stops.length - 1)) + '%'; });
      html = '<h3>' + (tj.zhili.value === 'rate' ? 'Case rate' : 'Cases') + ' per cell <span class="muted">H3 res ' + res +
        ', log scale</span></h3><div class="bar" style="background:linear-gradient(to right,' + gradient.join(',') + ')"></div>' +
        '<div class="ticks">' + stops.map(function (s, i) {
          return '<span>' + formatNumber(s.value) + (i === stops.length - 1 ? '+' : '') + '</span>';
        }).join('') + '</div>';
    }
    el('legend').innerHTML = html;
  }

  // ---- cell popup --------------------------------------------------------------------------------------
  map.on('click', function (e) {
    if (!state.set) { return; }
    var url = '/api/cell?set=' + encodeURIComponent(state.set.path) + '&layer=' + state.layer + '&z=' +
      Math.round(map.getZoom()) + '&lon=' + e.latlng.lng.toFixed(7) + '&lat=' + e.latlng.lat.toFixed(7);
    fetch(url).then(function (r) { return r.ok ? r.json() : null; }).then(function (cell) {
      var html;
      if (!cell) {
        html = '<div class="cell-popup">No cell here</div>';
      } else {
        var rows = ['h3', 'h3_res', 'cases', 'components', 'rate', 'gi_z', 'gi_p', 'hot_class'].filter(function (k) {
          return cell[k] !== undefined;
        }).map(function (k) {
          var v = k === 'hot_class' ? (HOT_LABELS[cell[k]] || cell[k]) : formatNumber(cell[k]);
          return '<tr><td>' + k + '</td><td>' + escapeHtml(v) + '</td></tr>';
        });
        html = '<div class="cell-popup"><table>' + rows.join('') + '</table></div>';
      }
      L.popup().setLatLng(e.latlng).setContent(html).openOn(map);
    });
    showDetail('/api/cell/at?lon=' + e.latlng.lng.toFixed(7) + '&lat=' + e.latlng.lat.toFixed(7));
  });

  // ---- detail panel of a cell (zhili serve --hotspots): counts by category, forecast, trend ----------------
  var selectedCell = null;
  map.createPane('selected').style.zIndex = 610;

  function sparkline(values, width, height, cls) {
    if (!values || !values.length) { return ''; }
    var max = Math.max.apply(null, values.concat([1]));
    var step = values.length > 1 ? (width - 4) / (values.length - 1) : 0;
    var pts = values.map(function (v, i) {
      return (2 + i * step).toFixed(1) + ',' + (height - 2 - (height - 4) * v / max).toFixed(1);
    });
    var last = pts[pts.length - 1].split(',');
    return '<svg class="' + cls + '" width="' + width + '" height="' + height + '" viewBox="0 0 ' + width + ' ' + height +
      '" role="img" aria-label="' + escapeHtml(values.join(', ')) + '"><polyline fill="none" stroke="#0969da" stroke-width="1.5" points="' +
      pts.join(' ') + '"/><circle cx="' + last[0] + '" cy="' + last[1] + '" r="2" fill="#0969da"/></svg>';
  }

  // 168 bars, Monday 00:00 first; day labels under each day's first hour.
  function hourOfWeekChart(expected) {
    var w = 300, h = 64, bw = (w - 2) / 168;
    var max = Math.max.apply(null, expected.concat([1e-9]));
    var days = ['一', '二', '三', '四', '五', '六', '日'];
    var bars = expected.map(function (v, i) {
      var bh = (h - 14) * v / max;
      return '<rect x="' + (1 + i * bw).toFixed(2) + '" y="' + (h - 12 - bh).toFixed(2) + '" width="' + Math.max(bw - 0.2, 0.5).toFixed(2) +
        '" height="' + bh.toFixed(2) + '" fill="' + (Math.floor(i / 24) >= 5 ? '#bf8700' : '#0969da') + '"/>';
    }).join('');
    var labels = days.map(function (d, i) {
      return '<text x="' + (1 + (i * 24 + 12) * bw).toFixed(1) + '" y="' + (h - 1) + '" text-anchor="middle">' + d + '</text>';
    }).join('');
    return '<svg id="detail-how" width="' + w + '" height="' + h + '" viewBox="0 0 ' + w + ' ' + h + '" role="img" ' +
      'aria-label="hour of week">' + bars + labels + '</svg>';
  }

  function fixed1(v) { return typeof v === 'number' ? v.toFixed(1) : ''; }

  function renderDetail(d) {
    var periods = d.periods || [];
    var latest = periods.length ? periods[periods.length - 1] : '';
    var all = (d.categories || []).filter(function (c) { return c.category === 'ALL'; })[0];
    var html = '<p class="muted">H3 res ' + d.h3_res + ' · ' + escapeHtml(periods[0] || '') + ' … ' + escapeHtml(latest) + '</p>';
    if (all) {
      html += '<h3>近期趋势 Trend <span class="muted">全部案件每期</span></h3><div class="trend">' +
        sparkline(all.cases, 180, 36, 'spark-all') + '<span class="muted"> ' + all.cases.join(' · ') + '</span></div>';
    }
    html += '<h3>案件数（按类别）<span class="muted">' + escapeHtml(latest) + '</span></h3>' +
      '<table id="detail-counts"><tr><th>类别</th><th>名称</th><th>本期</th><th>合计</th><th>趋势</th></tr>' +
      (d.categories || []).map(function (c) {
        var code = c.category === 'ALL' ? 'ALL' : (c.kind === 'EVENT' ? '事件 ' : c.kind === 'COMPONENT' ? '部件 ' : '') + c.category;
        return '<tr data-category="' + escapeHtml(c.kind + ':' + c.category) + '"><td>' + escapeHtml(code) + '</td><td>' +
          escapeHtml(c.name_zh) + '</td><td class="num latest">' + c.latest + '</td><td class="num total">' + c.total +
          '</td><td>' + sparkline(c.cases, 60, 16, 'spark') + '</td></tr>';
      }).join('') + '</table>';
    var withForecast = (d.categories || []).filter(function (c) { return c.forecast; });
    if (withForecast.length) {
      html += '<h3>预测 Forecast <span class="muted">' + escapeHtml(withForecast[0].forecast.next_period) + '</span></h3>' +
        '<table id="detail-forecast"><tr><th>类别</th><th>每周水平</th><th>期望</th><th>90% 区间</th></tr>' +
        withForecast.map(function (c) {
          var f = c.forecast;
          return '<tr data-category="' + escapeHtml(c.kind + ':' + c.category) + '"><td>' + escapeHtml(c.name_zh) +
            '</td><td class="num level">' + fixed1(f.weekly_level) + '</td><td class="num expected">' + fixed1(f.expected_next) +
            '</td><td class="num interval"><span class="lower">' + fixed1(f.lower_90) + '</span>–<span class="upper">' +
            fixed1(f.upper_90) + '</span></td></tr>';
        }).join('') + '</table>';
    } else {
      html += '<p class="muted">无预测 (no forecast/ in the hotspots run)</p>';
    }
    if (d.hour_of_week && d.hour_of_week.expected) {
      html += '<h3>一周时段预期 <span class="muted">每小时期望案件（周一 0 时起）</span></h3>' + hourOfWeekChart(d.hour_of_week.expected);
    }
    el('detail-h3').textContent = d.h3;
    el('detail-body').innerHTML = html;
    el('detail').hidden = false;
    if (selectedCell) { map.removeLayer(selectedCell); }
    selectedCell = L.polygon(d.boundary.map(function (p) { return [p[1], p[0]]; }), {
      pane: 'selected', color: '#0969da', weight: 3, fill: false, className: 'zhili-selected-cell'
    }).addTo(map);
  }

  function showDetail(url) {
    fetch(url).then(function (r) {
      if (r.status === 404) { return r.json().then(function (e) { return { missing: e.error || 'no such cell' }; }); }
      if (!r.ok) { throw new Error('HTTP ' + r.status); }
      return r.json();
    }).then(function (d) {
      if (d.missing) {
        el('detail-h3').textContent = '';
        el('detail-body').innerHTML = '<p class="muted">此处无网格数据 (' + escapeHtml(d.missing) + ')</p>';
        el('detail').hidden = false;
        if (selectedCell) { map.removeLayer(selectedCell); selectedCell = null; }
        return;
      }
      renderDetail(d);
    }).catch(function () { /* no detail served */ });
  }
  el('detail-close').onclick = function () {
    el('detail').hidden = true;
    if (selectedCell) { map.removeLayer(selectedCell); selectedCell = null; }
  };

  // ---- truck sites and restricted zones in force (zhili serve --sites/--zones [--reference-updates]) ----
  map.createPane('reference').style.zIndex = 460;
  var referenceLayer = null;
  function loadReference() {
    fetch('/api/reference').then(function (r) { return r.ok ? r.json() : null; }).then(function (ref) {
      if (!ref) { return; }
      var next = L.layerGroup([
        L.geoJSON(ref.sites, { pane: 'reference', style: function () { return { color: '#57606a', weight: 1, fillOpacity: 0.15 }; },
          onEachFeature: function (f, layer) { layer.bindTooltip('site ' + f.properties.site_id + ' ' + (f.properties.name || '')); } }),
        L.geoJSON(ref.zones, { pane: 'reference', style: function () { return { color: '#cf222e', weight: 2, dashArray: '4 3', fillOpacity: 0.1 }; },
          onEachFeature: function (f, layer) { layer.bindTooltip('restricted zone ' + f.properties.zone_id + ' ' + f.properties.hours); } })
      ]);
      if (referenceLayer) { map.removeLayer(referenceLayer); }
      referenceLayer = next.addTo(map);
    }).catch(function () { /* no reference layers served */ });
  }
  loadReference();
  // Declared and lifted zones, opened and closed sites show up within a minute.
  setInterval(loadReference, 60000);

  // ---- district outlines -------------------------------------------------------------------------------
  function loadAreas() {
    fetch('/api/areas').then(function (r) { return r.ok ? r.json() : null; }).then(function (geo) {
      if (!geo) { return; }
      L.geoJSON(geo, {
        pane: 'areas',
        filter: function (f) { var lv = f.properties && f.properties.level; return !lv || lv === 'district' || lv === 'street'; },
        style: function (f) {
          var street = f.properties && f.properties.level === 'street';
          return { color: street ? '#6e7781' : '#24292f', weight: street ? 0.8 : 2, dashArray: street ? '3 3' : null, fill: false };
        },
        onEachFeature: function (f, layer) {
          var p = f.properties || {};
          if (p.name) { layer.bindTooltip(escapeHtml(p.name), { sticky: true }); }
        }
      }).addTo(map);
    }).catch(function () { /* outlines are optional */ });
  }

  // ---- suspected illegal structures (zhili tiles --suspects) -------------------------------------------
  var SUSPECT_COLORS = { NEW: '#cf222e', PERSISTING: '#bc4c00', GONE: '#6e7781' };
  function loadSuspects() {
    fetch('/tiles/suspects/suspects.json').then(function (r) { return r.ok ? r.json() : null; }).then(function (geo) {
      if (!geo || !geo.features || !geo.features.length) { return; }
      map.createPane('suspects').style.zIndex = 500;
      var layer = L.geoJSON(geo, {
        pane: 'suspects',
        style: function (f) {
          var status = f.properties && f.properties.status;
          return { color: SUSPECT_COLORS[status] || '#cf222e', weight: 2, fillOpacity: status === 'GONE' ? 0.05 : 0.35,
            dashArray: status === 'GONE' ? '4 3' : null, className: 'zhili-suspect zhili-suspect-' + String(status).toLowerCase() };
        },
        onEachFeature: function (f, l) {
          var p = f.properties || {};
          l.bindPopup('<b>违建图斑 ' + escapeHtml(p.status || '') + '</b><br>' + escapeHtml(p.suspect_id || '') +
            '<br>' + formatNumber(p.area_m2) + ' m², ' + escapeHtml(p.n_fragments) + ' fragment(s)' +
            '<br>round ' + escapeHtml(p.round || '') + ' (first ' + escapeHtml(p.first_round || '') + ')' +
            (p.district_code ? '<br>' + escapeHtml(p.district_code) + ' ' + escapeHtml(p.street_code || '') : ''));
        }
      }).addTo(map);
      var overlays = {};
      overlays['违建图斑 suspects (' + geo.features.length + ')'] = layer;
      L.control.layers(null, overlays, { collapsed: false, position: 'bottomright' }).addTo(map);
    }).catch(function () { /* the layer is optional */ });
  }

  // ---- live alerts: one list of zhili live's alerts and the truck alerts, newest first ----------------------
  var alertEntries = [];          // newest first, as listed
  var liveById = {};              // alert_id -> entry of a live alert (a SURGE's CLOSED record updates it)
  var filterKind = 'ALL';

  function isLive(a) { return !a.rule && !!a.kind; }
  function kindOf(a) { return isLive(a) ? a.kind : 'TRUCK'; }
  // When the alert became known: a live alert's decision time, a truck episode's start.
  function timeOf(a) { return isLive(a) ? (a.decided_at || a.started_at || 0) : (a.start_ts || 0); }

  function fillFilter() {
    var counts = {};
    alertEntries.forEach(function (e) { counts[e.kind] = (counts[e.kind] || 0) + 1; });
    el('alert-filter').innerHTML = FILTERS.map(function (f) {
      var n = f[0] === 'ALL' ? alertEntries.length : (counts[f[0]] || 0);
      return '<option value="' + f[0] + '"' + (f[0] === filterKind ? ' selected' : '') + '>' + escapeHtml(f[1]) + ' (' + n + ')</option>';
    }).join('');
  }

  function applyFilter() {
    alertEntries.forEach(function (e) { e.li.hidden = !(filterKind === 'ALL' || filterKind === e.kind); });
  }

  function liveTitle(a) {
    var label = KIND_LABELS[a.kind] || a.kind;
    return label + (a.status === 'CLOSED' ? ' · 已结束' : '');
  }

  // One line of figures in words, per kind (live alerts contract: observed / expected mean different things).
  function liveFacts(a) {
    if (a.kind === 'SURGE') {
      return '类别 ' + a.category + ' · 观测 ' + a.observed + ' / 预期 ' + fixed1(a.expected) +
        (typeof a.p === 'number' ? ' · p=' + a.p.toExponential(1) : '');
    }
    if (a.kind === 'RECURRENCE') {
      return '部件 ' + (a.component_id || '') + ' · ' + a.observed + ' 起 / ' + a.expected + ' 起';
    }
    return '案件 ' + (a.case_id || '') + ' · 超时 ' + a.observed + ' 分钟 (时限 ' + a.expected + ' 分钟)';
  }

  function markerStyle(e) {
    var closed = e.record.status === 'CLOSED';
    return { pane: 'alerts', radius: e.live ? 8 : 7, color: closed ? '#8c959f' : '#ffffff', weight: 2,
      fillColor: e.color, fillOpacity: closed ? 0.25 : 0.95, dashArray: closed ? '3 2' : null };
  }

  function popupHtml(e) {
    var a = e.record;
    if (e.live) {
      var rows = ['alert_id', 'h3', 'category', 'class_kind', 'component_id', 'case_id', 'district_code', 'street_code',
        'observed', 'expected', 'p'].filter(function (k) { return a[k] !== undefined && a[k] !== null && a[k] !== ''; })
        .map(function (k) { return '<tr><td>' + k + '</td><td>' + escapeHtml(formatNumber(a[k])) + '</td></tr>'; });
      return '<div class="cell-popup"><b>' + escapeHtml(liveTitle(a)) + '</b> ' + escapeHtml(a.kind) + '<br>' +
        escapeHtml(formatTime(a.started_at)) + (a.ended_at ? ' – ' + escapeHtml(formatTime(a.ended_at)) : '') +
        (a.detail ? '<br>' + escapeHtml(a.detail) : '') + '<table>' + rows.join('') + '</table></div>';
    }
    var details = ['truck_id', 'permit_id', 'severity', 'max_distance_m', 'points'].filter(function (k) {
      return a[k] !== undefined && a[k] !== null && a[k] !== '';
    }).map(function (k) { return '<tr><td>' + k + '</td><td>' + escapeHtml(formatNumber(a[k])) + '</td></tr>'; });
    return '<div class="cell-popup"><b>' + escapeHtml(RULE_LABELS[a.rule] || a.rule) + '</b> ' + escapeHtml(a.rule) + '<br>' +
      escapeHtml(formatTime(a.start_ts)) + '<table>' + details.join('') + '</table></div>';
  }

  function renderItem(e) {
    var a = e.record;
    e.li.className = 'alert-item ' + (e.live ? 'alert-live' : 'alert-truck') + (a.status === 'CLOSED' ? ' closed' : '');
    e.li.setAttribute('data-kind', e.kind);
    if (e.live) {
      e.li.innerHTML = '<b style="color:' + e.color + '">' + escapeHtml(liveTitle(a)) + '</b><span class="code">' +
        escapeHtml(a.kind) + '</span><br>' + escapeHtml(liveFacts(a)) +
        '<br><span class="muted">' + escapeHtml(formatTime(timeOf(a))) + (a.district_code ? ' · ' + escapeHtml(a.district_code) : '') + '</span>';
    } else {
      e.li.innerHTML = '<b style="color:' + e.color + '">' + escapeHtml(RULE_LABELS[a.rule] || a.rule) + '</b>' +
        '<span class="code">' + escapeHtml(a.rule) + '</span> ' + escapeHtml(a.truck_id) +
        '<br><span class="muted">' + escapeHtml(formatTime(a.start_ts)) + '</span>';
    }
    e.marker.setStyle(markerStyle(e));
    e.marker.bindPopup(popupHtml(e));
  }

  function showAlert(a) {
    var live = isLive(a);
    if (live && liveById[a.alert_id]) {
      // A later record of a listed alert (a SURGE's CLOSED record): update it in place.
      var known = liveById[a.alert_id];
      if (known.record.status === 'CLOSED') { return; } // an OPEN record after its CLOSED one adds nothing
      Object.keys(a).forEach(function (k) { if (a[k] !== null || known.record[k] === undefined) { known.record[k] = a[k]; } });
      renderItem(known);
      fillFilter();
      return;
    }
    var e = { record: a, live: live, kind: kindOf(a), time: timeOf(a),
      color: live ? (KIND_COLORS[a.kind] || '#24292f') : (RULE_COLORS[a.rule] || '#24292f'), li: document.createElement('li') };
    e.marker = L.circleMarker([a.lat, a.lon], markerStyle(e)).addTo(map);
    renderItem(e);
    e.li.onclick = function () {
      map.flyTo([a.lat, a.lon], Math.max(map.getZoom(), 15), { duration: 0.8 });
      e.marker.openPopup();
      if (live && a.h3) { showDetail('/api/cell/' + encodeURIComponent(a.h3)); }
    };
    if (live) { liveById[a.alert_id] = e; }
    // Newest first: before the first listed alert that is older.
    var at = 0;
    while (at < alertEntries.length && alertEntries[at].time >= e.time) { at++; }
    var list = el('alert-list');
    list.insertBefore(e.li, at < alertEntries.length ? alertEntries[at].li : null);
    alertEntries.splice(at, 0, e);
    while (alertEntries.length > MAX_ALERT_MARKERS) {
      var old = alertEntries.pop();
      map.removeLayer(old.marker);
      list.removeChild(old.li);
      if (old.live && liveById[old.record.alert_id] === old) { delete liveById[old.record.alert_id]; }
    }
    e.li.hidden = !(filterKind === 'ALL' || filterKind === e.kind);
    fillFilter();
  }

  function connectAlerts() {
    if (!window.EventSource) { el('alert-status').textContent = 'not supported'; return; }
    var source = new EventSource('/alerts/stream');
    source.onopen = function () { el('alert-status').textContent = 'live'; el('alert-status').className = 'status live'; };
    source.onerror = function () { el('alert-status').textContent = 'reconnecting…'; el('alert-status').className = 'status down'; };
    source.addEventListener('alert', function (e) {
      try { showAlert(JSON.parse(e.data)); } catch (err) { /* a malformed event is skipped */ }
    });
  }
  el('alert-filter').onchange = function () { filterKind = el('alert-filter').value; applyFilter(); };
  fillFilter();

  // ---- wiring ------------------------------------------------------------------------------------------
  el('period').onchange = function () { fillCategories(); selectSet(); };
  el('category').onchange = selectSet;
  Array.prototype.forEach.call(document.querySelectorAll('input[name=layer]'), function (r) {
    r.onchange = function () { state.layer = r.value; showLayer(false); };
  });
  el('opacity').oninput = function () {
    state.opacity = parseFloat(el('opacity').value);
    if (state.tiles) { state.tiles.setOpacity(state.opacity); }
  };
  map.on('zoomend', renderLegend);

  fetchJson('/tiles/tilesets.json').then(function (index) {
    state.sets = index.sets;
    state.set = index.sets.filter(function (s) { return s.id === index['default']; })[0] || index.sets[0];
    fillSelectors();
    return showLayer(true);
  }).catch(function (e) {
    el('setinfo').textContent = 'cannot load tile sets: ' + e.message;
  });
  loadAreas();
  loadSuspects();
  connectAlerts();
  window.zhiliConsole = { map: map, state: state, showDetail: showDetail, alerts: alertEntries };
})();
