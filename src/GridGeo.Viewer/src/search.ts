/**
 * Finding things: the address box (`/api/locate/address`) and the coordinate box with a CRS
 * choice (`/api/locate?crs=`), each ending in a selected grid.
 */
import { Point } from 'ol/geom';
import { toLonLat } from 'ol/proj';
import { ApiError, locateAddress } from './api';
import { parseLonLat, toWgs84, type Crs } from './coords';
import { fitLonLat } from './mapview';
import type { Viewer } from './viewer';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function problemText(err: unknown): string {
  if (err instanceof ApiError) return err.detail || err.title;
  return (err as Error).message;
}

export function wireSearch(viewer: Viewer): void {
  const addressForm = document.getElementById('address-form') as HTMLFormElement;
  const addressInput = document.getElementById('address-input') as HTMLInputElement;
  const results = document.getElementById('results') as HTMLElement;
  const coordForm = document.getElementById('coord-form') as HTMLFormElement;
  const coordInput = document.getElementById('coord-input') as HTMLInputElement;
  const coordCrs = document.getElementById('coord-crs') as HTMLSelectElement;

  addressForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    const q = addressInput.value.trim();
    if (!q) return;
    results.hidden = false;
    results.innerHTML = '<p class="hint">查找中 · searching…</p>';
    try {
      const matches = await locateAddress(q);
      if (matches.length === 0) {
        results.innerHTML = `<p class="hint">未找到 · no address matches “${esc(q)}”</p>`;
        return;
      }
      results.innerHTML = `<h3>地址 Addresses</h3><ol>${matches
        .map(
          (m, i) =>
            `<li><button type="button" class="link" data-i="${i}">${esc(m.address)}</button>
             <small>${m.grid ? esc(m.grid.code) : '—'}${m.score !== undefined ? ` · ${m.score.toFixed(2)}` : ''}</small></li>`,
        )
        .join('')}</ol>`;
      results.querySelectorAll<HTMLButtonElement>('button[data-i]').forEach((b) =>
        b.addEventListener('click', async () => {
          const m = matches[Number(b.dataset.i)];
          if (!m.grid) return;
          await viewer.selectGrid(m.grid.code, true);
          const building = m.building_id ? viewer.layers.buildings.getSource()!.getFeatureById(m.building_id) : null;
          const geometry = building?.getGeometry();
          if (geometry instanceof Point) {
            const [lon, lat] = toLonLat(geometry.getCoordinates());
            viewer.showMarker(lon, lat);
          }
        }),
      );
      if (matches[0].grid) await viewer.selectGrid(matches[0].grid.code, true);
    } catch (err) {
      results.innerHTML = `<p class="error">地址查询失败 · address search failed: ${esc(problemText(err))}</p>`;
    }
  });

  coordForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    const lonLat = parseLonLat(coordInput.value);
    if (!lonLat) {
      viewer.setStatus('坐标格式：经度,纬度 · coordinates as lon,lat in degrees', 'error');
      return;
    }
    const crs = coordCrs.value as Crs;
    const [lon, lat] = toWgs84(lonLat[0], lonLat[1], crs);
    viewer.showMarker(lon, lat);
    fitLonLat(viewer.map, [lon - 0.004, lat - 0.003, lon + 0.004, lat + 0.003]);
    const found = await viewer.whichGrid(lonLat[0], lonLat[1], crs, [lon, lat]);
    if (found.code) {
      await viewer.selectGrid(found.code, false);
      const a = found.answer;
      const chain = [a?.county?.name, a?.street?.name, a?.community?.name].filter(Boolean).join(' › ');
      viewer.setStatus(`${found.code}${chain ? ` · ${chain}` : ''}${a?.liaison_unit ? ` · 联户 ${a.liaison_unit.code}` : ''}`);
    } else {
      viewer.clearSelection();
      viewer.setStatus(`不在任何网格内 · outside every grid${found.reason ? `: ${found.reason}` : ''}`, 'error');
    }
  });
}
