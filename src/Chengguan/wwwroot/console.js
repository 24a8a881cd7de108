// The console's few browser calls (Blazor JS interop).
window.chengguan = {
  // The device's position (WGS 84), or null when it is refused or unavailable.
  position: () => new Promise(resolve => {
    if (!navigator.geolocation) { resolve(null); return; }
    navigator.geolocation.getCurrentPosition(
      p => resolve({ lon: p.coords.longitude, lat: p.coords.latitude, accuracy: p.coords.accuracy }),
      () => resolve(null),
      { enableHighAccuracy: true, timeout: 15000, maximumAge: 30000 });
  }),

  // Pan (drag) and zoom (wheel, buttons) of an SVG map: a transform on its #map-viewport group.
  // Blazor never renders that transform, so re-renders keep the view; labels keep their screen size.
  mapInit: id => {
    const svg = document.getElementById(id);
    if (!svg || svg.cgMap) return;
    const vp = svg.querySelector('#map-viewport');
    const m = svg.cgMap = { k: 1, x: 0, y: 0, drag: null, moved: false };
    const toSvg = (cx, cy) => {
      const pt = svg.createSVGPoint(); pt.x = cx; pt.y = cy;
      return pt.matrixTransform(svg.getScreenCTM().inverse());
    };
    m.apply = () => {
      vp.setAttribute('transform', `translate(${m.x} ${m.y}) scale(${m.k})`);
      const vb = svg.viewBox.baseVal, r = svg.getBoundingClientRect();
      const unitsPerPx = Math.max(vb.width / Math.max(r.width, 1), vb.height / Math.max(r.height, 1)) / m.k;
      svg.querySelectorAll('g[data-base-size]').forEach(g => g.setAttribute('font-size', (g.dataset.baseSize * unitsPerPx).toFixed(1)));
      svg.classList.toggle('cg-zoomed', m.k >= 2.5);
      svg.dataset.zoom = m.k.toFixed(2);
    };
    m.zoomAt = (factor, sx, sy) => {
      const k = Math.min(64, Math.max(0.5, m.k * factor));
      m.x = sx - (sx - m.x) * (k / m.k); m.y = sy - (sy - m.y) * (k / m.k); m.k = k;
      m.apply();
    };
    svg.addEventListener('wheel', e => {
      e.preventDefault();
      const p = toSvg(e.clientX, e.clientY);
      m.zoomAt(e.deltaY < 0 ? 1.25 : 0.8, p.x, p.y);
    }, { passive: false });
    svg.addEventListener('pointerdown', e => {
      m.drag = { p: toSvg(e.clientX, e.clientY), x: m.x, y: m.y, cx: e.clientX, cy: e.clientY };
      m.moved = false;
    });
    svg.addEventListener('pointermove', e => {
      if (!m.drag) return;
      if (!m.moved && Math.hypot(e.clientX - m.drag.cx, e.clientY - m.drag.cy) < 5) return;
      if (!m.moved) { m.moved = true; svg.setPointerCapture(e.pointerId); }
      const p = toSvg(e.clientX, e.clientY);
      m.x = m.drag.x + (p.x - m.drag.p.x); m.y = m.drag.y + (p.y - m.drag.p.y);
      m.apply();
    });
    const end = () => { m.drag = null; };
    svg.addEventListener('pointerup', end);
    svg.addEventListener('pointercancel', end);
    // A drag ends with a click on whatever is under the pointer: it must not select a grid.
    svg.addEventListener('click', e => { if (m.moved) { e.stopPropagation(); e.preventDefault(); m.moved = false; } }, true);
    window.addEventListener('resize', () => m.apply());
    m.apply();
  },

  // Zoom about the centre by a factor; 0 resets the view to the whole district.
  mapZoom: (id, factor) => {
    const svg = document.getElementById(id);
    if (!svg || !svg.cgMap) return;
    const m = svg.cgMap, vb = svg.viewBox.baseVal;
    if (factor === 0) { m.k = 1; m.x = 0; m.y = 0; m.apply(); return; }
    m.zoomAt(factor, vb.x + vb.width / 2, vb.y + vb.height / 2);
  },

  // Centre the view on a map point (SVG units) at a zoom factor.
  mapFocus: (id, x, y, k) => {
    const svg = document.getElementById(id);
    if (!svg || !svg.cgMap) return;
    const m = svg.cgMap, vb = svg.viewBox.baseVal;
    m.k = k; m.x = vb.x + vb.width / 2 - x * k; m.y = vb.y + vb.height / 2 - y * k;
    m.apply();
  }
};

// Clock countdowns (ClockChip): one timer for the whole page re-writes each running chip's text and
// colour from its due and warning instants. The device clock is corrected by its skew to the server's
// clock at the chip's last render, so a phone that is minutes off still counts down right.
(() => {
  const colours = { green: 'mud-chip-color-success', yellow: 'mud-chip-color-warning', red: 'mud-chip-color-error' };
  const pad = n => String(n).padStart(2, '0');
  // Same shape as ClockView.Span: "1天 03:05:09".
  const span = (ms, day) => {
    const s = Math.floor(Math.abs(ms) / 1000), d = Math.floor(s / 86400);
    const clock = `${pad(Math.floor(s % 86400 / 3600))}:${pad(Math.floor(s % 3600 / 60))}:${pad(s % 60)}`;
    return d > 0 ? `${d}${day} ${clock}` : clock;
  };
  const tick = () => {
    for (const el of document.querySelectorAll('.cg-clock[data-due]')) {
      const d = el.dataset;
      // A new render brings a new server time: take the skew then (off by at most this timer's period).
      if (el.cgNow !== d.now) { el.cgNow = d.now; el.cgSkew = Number(d.now) - Date.now(); }
      const now = Date.now() + el.cgSkew, due = Number(d.due);
      const light = d.breached || now >= due ? 'red' : d.warn && now >= Number(d.warn) ? 'yellow' : 'green';
      if (light !== d.light && colours[d.light]) {
        el.classList.replace(colours[d.light], colours[light]);
        d.light = light;
      }
      const text = (now >= due ? d.over : d.left).replace('{0}', span(now - due, d.day));
      // Change the text node Blazor rendered rather than replace it, so its later updates still land.
      const node = el.querySelector('.cg-clock-text')?.firstChild;
      if (node && node.nodeValue !== text) node.nodeValue = text;
    }
  };
  setInterval(tick, 1000);
})();
