/* Zhili dispatch console: hotspot tiles, legend, selectors, cell popups, district outlines and live
   truck alerts over Server-Sent Events. Everything comes from the zhili serve that delivered this page. */
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
  });

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

  // ---- live alerts -------------------------------------------------------------------------------------
  var alertMarkers = [];
  function showAlert(a) {
    var color = RULE_COLORS[a.rule] || '#24292f';
    var marker = L.circleMarker([a.lat, a.lon], {
      pane: 'alerts', radius: 7, color: '#ffffff', weight: 2, fillColor: color, fillOpacity: 0.95
    }).addTo(map);
    var details = ['truck_id', 'permit_id', 'severity', 'max_distance_m', 'points'].filter(function (k) {
      return a[k] !== undefined && a[k] !== null && a[k] !== '';
    }).map(function (k) { return '<tr><td>' + k + '</td><td>' + escapeHtml(formatNumber(a[k])) + '</td></tr>'; });
    marker.bindPopup('<div class="cell-popup"><b>' + escapeHtml(a.rule) + '</b><br>' + escapeHtml(formatTime(a.start_ts)) +
      '<table>' + details.join('') + '</table></div>');
    alertMarkers.push(marker);
    if (alertMarkers.length > MAX_ALERT_MARKERS) { map.removeLayer(alertMarkers.shift()); }
    var li = document.createElement('li');
    li.innerHTML = '<b style="color:' + color + '">' + escapeHtml(a.rule) + '</b>' + escapeHtml(a.truck_id) +
      '<br><span class="muted">' + escapeHtml(formatTime(a.start_ts)) + '</span>';
    li.onclick = function () { map.setView([a.lat, a.lon], Math.max(map.getZoom(), 14)); marker.openPopup(); };
    var list = el('alert-list');
    list.insertBefore(li, list.firstChild);
    while (list.children.length > MAX_ALERT_MARKERS) { list.removeChild(list.lastChild); }
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
  window.zhiliConsole = { map: map, state: state };
})();
