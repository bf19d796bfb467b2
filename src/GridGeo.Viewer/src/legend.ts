/** The legend: what each colour and symbol means, and what the basemap's datum implies. */
import type { ViewerConfig } from './config';
import { boundsColours, boundsLabels, dedicatedKinds, diffColours, type BoundsClass } from './styles';

const diffLabels: Record<string, string> = {
  changed: '变化 changed',
  created: '新增 created',
  retired: '撤销 retired',
  unchanged: '不变 unchanged',
};

function swatch(colour: string, dashed = false): string {
  const border = dashed ? `2px dashed ${colour}` : `2px solid ${colour}`;
  return `<span class="swatch" style="background:${colour}6b;border:${border}"></span>`;
}

export function renderLegend(el: HTMLElement, config: ViewerConfig, unavailable: ReadonlySet<string>): void {
  const bounds: Record<BoundsClass, string> = {
    under: `&lt; ${config.min}`,
    in: `${config.min}–${config.max}`,
    over: `&gt; ${config.max}`,
  };
  const rows = (Object.keys(boundsColours) as BoundsClass[])
    .map((k) => `<li data-legend="${k}">${swatch(boundsColours[k])}${boundsLabels[k]} <small>${bounds[k]} 户</small></li>`)
    .join('');
  const kinds = Object.values(dedicatedKinds)
    .map((k) => `<li>${swatch(k.colour, true)}${k.label}</li>`)
    .join('');
  const notes: string[] = [];
  if (config.basemap?.datum === 'gcj02' || config.basemap?.datum === 'bd09') {
    notes.push(`底图为 ${config.basemap.datum.toUpperCase()}，与网格有数百米偏移 · The basemap is ${config.basemap.datum.toUpperCase()}: offset by several hundred metres from the WGS84 grids.`);
  }
  for (const layer of unavailable) notes.push(`${layer}: 接口不可用 · not served by this API`);
  el.innerHTML = `
    <h3>图例 Legend</h3>
    <h4>基础网格 Basic grids (户 households)</h4><ul>${rows}</ul>
    <h4>专属网格 Dedicated grids</h4><ul class="kinds">${kinds}</ul>
    <ul>
      <li><span class="line community"></span>社区边界 community</li>
      <li><span class="dot"></span>楼栋 building (大小=户数 size = households)</li>
      <li><span class="line liaison"></span>联户单元 liaison unit</li>
      <li><span class="line locked"></span>锁定网格 locked grid</li>
      <li data-legend="unstaffed"><span class="line unstaffed"></span>无网格员 basic grid without a grid worker (signed in)</li>
      <li data-legend="events"><span class="dot" style="background:#f57c00"></span>未办结事件 open events per grid</li>
    </ul>
    <h4>重新平衡预览 Rebalance preview</h4>
    <ul class="diff">${Object.entries(diffColours)
      .map(([k, c]) => `<li data-diff="${k}"><span class="line" style="border-top:3px ${k === 'retired' ? 'dashed' : 'solid'} ${c}"></span>${diffLabels[k] ?? k}</li>`)
      .join('')}</ul>
    ${notes.map((n) => `<p class="note">${n}</p>`).join('')}`;
}
