/**
 * The side panel for the selected grid: code, community, kind, households against the bounds,
 * buildings, liaison units, neighbours, compactness and warnings.
 */
import type Feature from 'ol/Feature';
import type { Geometry } from 'ol/geom';
import { LineString, MultiPolygon, Polygon } from 'ol/geom';
import { getArea, getLength } from 'ol/sphere';
import type { GridDetail } from './api';
import type { ViewerConfig } from './config';
import { boundsClass, boundsColours, boundsLabels, dedicatedKinds } from './styles';

/**
 * Compactness: the Polsby–Popper score 4πA/P² (1 for a circle, towards 0 for a long thin
 * shape), on geodesic area and perimeter; used when the API does not send one.
 */
export function polsbyPopper(geometry: Geometry | undefined): number | undefined {
  if (!geometry) return undefined;
  const polygons = geometry instanceof Polygon ? [geometry] : geometry instanceof MultiPolygon ? geometry.getPolygons() : [];
  if (polygons.length === 0) return undefined;
  let area = 0;
  let perimeter = 0;
  for (const p of polygons) {
    area += getArea(p);
    for (const ring of p.getLinearRings()) perimeter += getLength(new LineString(ring.getCoordinates()));
  }
  return perimeter > 0 ? (4 * Math.PI * area) / (perimeter * perimeter) : undefined;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Warnings the viewer can tell on its own: outside the bounds, several pieces. */
export function derivedWarnings(d: GridDetail, geometry: Geometry | undefined, config: ViewerConfig): string[] {
  const out: string[] = [];
  if (d.kind !== 'dedicated' && d.households !== undefined) {
    if (d.households < config.min) out.push(`网格 ${d.code} 有 ${d.households} 户，低于下限 ${config.min} · grid ${d.code} has ${d.households} households, below the minimum ${config.min}`);
    if (d.households > config.max) out.push(`网格 ${d.code} 有 ${d.households} 户，高于上限 ${config.max} · grid ${d.code} has ${d.households} households, above the maximum ${config.max}`);
  }
  if (geometry instanceof MultiPolygon && geometry.getPolygons().length > 1) {
    out.push(`网格 ${d.code} 含 ${geometry.getPolygons().length} 块（飞地）· grid ${d.code} has ${geometry.getPolygons().length} pieces (exclaves)`);
  }
  return out;
}

export function renderPanel(
  el: HTMLElement,
  d: GridDetail,
  feature: Feature<Geometry> | undefined,
  config: ViewerConfig,
  onNeighbour: (code: string) => void,
): void {
  const geometry = feature?.getGeometry();
  const compactness = d.compactness ?? polsbyPopper(geometry);
  const warnings = [...new Set([...d.warnings, ...derivedWarnings(d, geometry, config)])];
  const dedicated = d.kind === 'dedicated';
  const cls = d.households !== undefined && !dedicated ? boundsClass(d.households, config) : undefined;
  const kind = dedicated
    ? `专属 dedicated · ${dedicatedKinds[d.dedicatedKind ?? '']?.label ?? d.dedicatedKind ?? ''}`
    : '基础 basic';
  const value = (v: number | undefined) => (v === undefined ? '—' : String(v));
  el.innerHTML = `
    <h2 data-field="code">${esc(d.code)}</h2>
    <dl>
      <dt>社区 Community</dt><dd data-field="community">${esc(d.communityName ?? '')} ${esc(d.communityCode ?? '')}</dd>
      <dt>类型 Kind</dt><dd data-field="kind">${esc(kind)}</dd>
      <dt>户数 Households</dt><dd><span data-field="households">${value(d.households)}</span>
        ${cls ? `<span class="badge" style="background:${boundsColours[cls]}">${boundsLabels[cls]}</span>` : ''}
        ${dedicated ? '' : `<small>(${config.min}–${config.max})</small>`}</dd>
      <dt>楼栋 Buildings</dt><dd data-field="buildings">${value(d.buildingCount)}</dd>
      <dt>联户单元 Liaison units</dt><dd data-field="liaison_units">${value(d.liaisonUnitCount)}</dd>
      <dt>紧凑度 Compactness</dt><dd data-field="compactness">${compactness === undefined ? '—' : compactness.toFixed(2)}</dd>
      <dt>相邻 Neighbours</dt><dd data-field="neighbours">${
        d.neighbours.length === 0 ? '—' : d.neighbours.map((n) => `<button type="button" class="link" data-neighbour="${esc(n)}">${esc(n)}</button>`).join(' ')
      }</dd>
    </dl>
    <div data-field="warnings">${
      warnings.length === 0 ? '<p class="ok">无警告 · no warnings</p>' : `<ul class="warnings">${warnings.map((w) => `<li>${esc(w)}</li>`).join('')}</ul>`
    }</div>`;
  el.querySelectorAll<HTMLButtonElement>('button[data-neighbour]').forEach((b) =>
    b.addEventListener('click', () => onNeighbour(b.dataset.neighbour!)),
  );
}

export function renderPanelMessage(el: HTMLElement, message: string): void {
  el.innerHTML = `<p class="hint" data-field="message">${esc(message)}</p>`;
}
