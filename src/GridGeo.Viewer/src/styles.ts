/**
 * How each thing is drawn. A basic grid is coloured by its households against the bounds
 * (under / in / over); a dedicated grid by the kind of its area, with a dashed outline, since
 * dedicated grids are not held to the bounds.
 */
import type { FeatureLike } from 'ol/Feature';
import { Circle, Fill, Stroke, Style, Text } from 'ol/style';
import type { ViewerConfig } from './config';

export type BoundsClass = 'under' | 'in' | 'over';

export const boundsColours: Record<BoundsClass, string> = {
  under: '#3b7dd8',
  in: '#2e9e55',
  over: '#d9412b',
};

export const boundsLabels: Record<BoundsClass, string> = {
  under: '不足 under',
  in: '达标 in bounds',
  over: '超出 over',
};

/** Dedicated area kinds (contract §1), with short Chinese + English names. */
export const dedicatedKinds: Record<string, { colour: string; label: string }> = {
  park: { colour: '#9a8c2c', label: '公园 park' },
  school: { colour: '#f08c1a', label: '学校 school' },
  market: { colour: '#c9519f', label: '市场 market' },
  hospital: { colour: '#17a398', label: '医院 hospital' },
  government: { colour: '#7a4fc4', label: '机关 government' },
  industrial_park: { colour: '#7b5236', label: '产业园 industrial park' },
  business_building: { colour: '#4f6470', label: '楼宇 business building' },
  scenic_area: { colour: '#0fa3c2', label: '景区 scenic area' },
};
const otherDedicated = { colour: '#666666', label: '其他 other' };

export function boundsClass(households: number, config: Pick<ViewerConfig, 'min' | 'max'>): BoundsClass {
  if (households < config.min) return 'under';
  if (households > config.max) return 'over';
  return 'in';
}

function withAlpha(hex: string, alpha: number): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255},${(n >> 8) & 255},${n & 255},${alpha})`;
}

export function gridColour(feature: FeatureLike, config: ViewerConfig): string {
  if (feature.get('kind') === 'dedicated') {
    return (dedicatedKinds[feature.get('dedicated_kind') as string] ?? otherDedicated).colour;
  }
  return boundsColours[boundsClass(Number(feature.get('households') ?? 0), config)];
}

const styleCache = new Map<string, Style>();

/** The grid style; labels show the full code when zoomed in, the 3-digit sequence further out. */
export function gridStyle(config: ViewerConfig) {
  return (feature: FeatureLike, resolution: number): Style => {
    const colour = gridColour(feature, config);
    const dedicated = feature.get('kind') === 'dedicated';
    const code = String(feature.get('code') ?? '');
    const locked = feature.get('locked') === true;
    const lock = locked ? '\n锁定 locked' : '';
    const label = resolution < 6 ? `${code}\n${feature.get('households') ?? ''}户${lock}` : resolution < 60 ? `${code.slice(-3)}${locked ? ' 锁' : ''}` : '';
    const key = `${colour}|${dedicated}|${label}|${locked}`;
    let style = styleCache.get(key);
    if (!style) {
      style = new Style({
        fill: new Fill({ color: withAlpha(colour, 0.42) }),
        stroke: new Stroke({ color: locked ? '#333333' : colour, width: locked ? 3 : 1.6, lineDash: dedicated ? [6, 4] : undefined }),
        text: label
          ? new Text({
              text: label,
              font: '600 12px system-ui, sans-serif',
              fill: new Fill({ color: '#1b1b1b' }),
              stroke: new Stroke({ color: 'rgba(255,255,255,0.9)', width: 3 }),
              overflow: false,
            })
          : undefined,
      });
      styleCache.set(key, style);
    }
    return style;
  };
}

export const communityStyle = new Style({
  stroke: new Stroke({ color: '#30343a', width: 2.6 }),
});

export const selectedGridStyle = [
  new Style({ stroke: new Stroke({ color: 'rgba(255,255,255,0.95)', width: 7 }) }),
  new Style({ stroke: new Stroke({ color: '#111111', width: 3 }) }),
];

export const neighbourGridStyle = new Style({
  stroke: new Stroke({ color: '#111111', width: 1.5, lineDash: [2, 4] }),
});

/** A building's radius grows with the square root of its households, so area tracks households. */
export function buildingRadius(households: number): number {
  return Math.min(16, 2.5 + 1.1 * Math.sqrt(Math.max(0, households)));
}

export function buildingStyle(selectedIds: () => ReadonlySet<string>) {
  const cache = new Map<string, Style>();
  return (feature: FeatureLike): Style => {
    const selected = selectedIds().has(String(feature.getId()));
    const r = Math.round(buildingRadius(Number(feature.get('households') ?? 0)) * 2) / 2;
    const key = `${r}|${selected}`;
    let style = cache.get(key);
    if (!style) {
      style = new Style({
        image: new Circle({
          radius: r,
          fill: new Fill({ color: selected ? '#ffb000' : 'rgba(255,255,255,0.85)' }),
          stroke: new Stroke({ color: selected ? '#7a4a00' : '#333333', width: selected ? 2 : 1 }),
        }),
        zIndex: selected ? 2 : 1,
      });
      cache.set(key, style);
    }
    return style;
  };
}

export function liaisonStyle(feature: FeatureLike, resolution: number): Style {
  const code = String(feature.get('code') ?? '');
  return new Style({
    stroke: new Stroke({ color: '#5b2a86', width: 1.2, lineDash: [3, 3] }),
    image: new Circle({ radius: 3, fill: new Fill({ color: '#5b2a86' }) }),
    text:
      resolution < 1.5
        ? new Text({ text: code.slice(-3), font: '10px system-ui, sans-serif', fill: new Fill({ color: '#5b2a86' }), offsetY: -8 })
        : undefined,
  });
}

/** The rebalance diff: what happens to each grid if the draft is published. */
export const diffColours: Record<string, string> = {
  changed: '#ff8c00',
  created: '#8e24aa',
  retired: '#c62828',
  unchanged: '#606060',
};

export function diffStyle(feature: FeatureLike, resolution: number): Style {
  const change = String(feature.get('change') ?? 'unchanged');
  const colour = diffColours[change] ?? diffColours.unchanged;
  const code = String(feature.get('code') ?? '');
  return new Style({
    fill: change === 'unchanged' || change === 'retired' ? undefined : new Fill({ color: withAlpha(colour, 0.55) }),
    stroke: new Stroke({ color: colour, width: change === 'unchanged' ? 1 : 3, lineDash: change === 'retired' ? [8, 6] : undefined }),
    text:
      change !== 'unchanged' && resolution < 60
        ? new Text({
            text: `${code.slice(-3)} ${change === 'retired' ? '✕' : `→ ${feature.get('households')}户`}`,
            font: '600 12px system-ui, sans-serif',
            fill: new Fill({ color: '#1b1b1b' }),
            stroke: new Stroke({ color: '#ffffff', width: 3 }),
            offsetY: 16,
          })
        : undefined,
  });
}

/** What the planner draws: a split line, a boundary being dragged (with its corners). */
export const sketchStyle = [
  new Style({ stroke: new Stroke({ color: '#ff6a00', width: 3 }), fill: new Fill({ color: 'rgba(255,106,0,0.10)' }) }),
  new Style({ image: new Circle({ radius: 4, fill: new Fill({ color: '#ff6a00' }) }) }),
];

export const markerStyle = new Style({
  image: new Circle({
    radius: 7,
    fill: new Fill({ color: '#e11d48' }),
    stroke: new Stroke({ color: '#ffffff', width: 2.5 }),
  }),
});
