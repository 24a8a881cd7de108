// The console's few browser calls (Blazor JS interop).
window.chengguan = {
  // The device's position (WGS 84), or null when it is refused or unavailable.
  position: () => new Promise(resolve => {
    if (!navigator.geolocation) { resolve(null); return; }
    navigator.geolocation.getCurrentPosition(
      p => resolve({ lon: p.coords.longitude, lat: p.coords.latitude, accuracy: p.coords.accuracy }),
      () => resolve(null),
      { enableHighAccuracy: true, timeout: 15000, maximumAge: 30000 });
  })
};
