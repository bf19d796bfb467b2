/**
 * Rebalance preview: for the selected grid's community, starts a rebalance draft
 * (`POST /api/plans {communities, mode:"rebalance"}`), waits for it, and draws its grids over the
 * map as a diff layer against the current grids: changed, created and retired grids stand out,
 * unchanged ones are outlines only. A list gives each grid's households before → after. Publishing
 * makes the draft current (`POST /api/plans/{id}/publish`); discarding just hides it.
 */
import type Feature from 'ol/Feature';
import type { Geometry } from 'ol/geom';
import { ApiError, getJson } from './api';
import { authHeaders, onSignIn, signedIn } from './auth';
import { readFeatures } from './layers';
import type { Viewer } from './viewer';

export type ChangeKind = 'unchanged' | 'changed' | 'created' | 'retired';

export interface GridDiff {
  code: string;
  change: ChangeKind;
  before?: number;
  after?: number;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const sameMembers = (a: unknown, b: unknown) =>
  Array.isArray(a) && Array.isArray(b) && a.length === b.length && [...a].sort().join('|') === [...b].sort().join('|');

/** Compares a draft's grids with the current ones by code, households and members; marks each draft feature with its change. */
export function diffGrids(current: Feature<Geometry>[], draft: Feature<Geometry>[]): { diffs: GridDiff[]; retired: Feature<Geometry>[] } {
  const now = new Map(current.map((f) => [String(f.getId()), f]));
  const diffs: GridDiff[] = [];
  for (const f of draft) {
    const code = String(f.getId());
    const old = now.get(code);
    const after = Number(f.get('households'));
    let change: ChangeKind = 'created';
    if (old) change = Number(old.get('households')) === after && sameMembers(old.get('buildings'), f.get('buildings')) ? 'unchanged' : 'changed';
    f.set('change', change);
    diffs.push({ code, change, before: old ? Number(old.get('households')) : undefined, after });
  }
  const drafted = new Set(draft.map((f) => String(f.getId())));
  const retired = current.filter((f) => !drafted.has(String(f.getId())));
  for (const f of retired) {
    f.set('change', 'retired');
    diffs.push({ code: String(f.getId()), change: 'retired', before: Number(f.get('households')) });
  }
  diffs.sort((a, b) => a.code.localeCompare(b.code));
  return { diffs, retired };
}

async function post(url: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...authHeaders() },
    body: JSON.stringify(body ?? {}),
  });
  const text = await res.text();
  const json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  if (!res.ok) throw new ApiError(res.status, String(json.title ?? `HTTP ${res.status}`), String(json.detail ?? ''), json);
  return json;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class RebalancePreview {
  private planId: number | null = null;
  private community = '';
  private diffs: GridDiff[] = [];
  private moved: number | undefined;
  private message = '';
  private busy = false;

  constructor(
    private readonly viewer: Viewer,
    private readonly el: HTMLElement,
  ) {
    viewer.onSelect(() => this.render());
    onSignIn(() => this.render());
  }

  private get layer() {
    return this.viewer.layers.diff;
  }

  render(): void {
    const grid = this.viewer.selected;
    const community = this.planId !== null ? this.community : (grid?.communityCode ?? '');
    if (!community) {
      this.el.hidden = true;
      return;
    }
    this.el.hidden = false;
    const mayEdit = !!signedIn()?.canEdit && !this.busy;
    const counts = (k: ChangeKind) => this.diffs.filter((d) => d.change === k).length;
    const list = this.diffs
      .filter((d) => d.change !== 'unchanged')
      .map(
        (d) =>
          `<li data-change="${esc(d.code)}" data-kind="${d.change}"><code>${esc(d.code)}</code> ${d.change} ${d.before ?? '—'} → ${d.after ?? '—'}</li>`,
      )
      .join('');
    this.el.innerHTML = `
      <h3>重新平衡 Rebalance</h3>
      ${
        this.planId === null
          ? `<p class="hint">预览社区 ${esc(community)} 的重新平衡（少移动户数，锁定网格不变）· preview a rebalance of community ${esc(community)}: as few households moved as possible, locked grids kept</p>
             <button type="button" data-action="preview" ${mayEdit ? '' : 'disabled'}>预览 Preview rebalance</button>`
          : `<p data-field="diff-summary">方案 plan ${this.planId}: ${counts('changed')} changed, ${counts('created')} created, ${counts('retired')} retired, ${counts('unchanged')} unchanged${
              this.moved !== undefined ? `; ${this.moved} households moved` : ''
            }</p>
             <ul class="counts" data-field="diff-list">${list || '<li>无变化 · nothing changes</li>'}</ul>
             <div class="row">
               <button type="button" data-action="publish" ${mayEdit ? '' : 'disabled'}>发布 Publish</button>
               <button type="button" data-action="discard" ${this.busy ? 'disabled' : ''}>放弃 Discard</button>
             </div>`
      }
      ${this.message ? `<p class="edit-message" data-field="rebalance-message">${this.message}</p>` : ''}`;
    this.el.querySelector<HTMLButtonElement>('[data-action=preview]')?.addEventListener('click', () => void this.preview(community));
    this.el.querySelector<HTMLButtonElement>('[data-action=publish]')?.addEventListener('click', () => void this.publish());
    this.el.querySelector<HTMLButtonElement>('[data-action=discard]')?.addEventListener('click', () => this.discard('已放弃预览 · preview discarded; the draft stays unpublished'));
  }

  private async preview(community: string): Promise<void> {
    this.busy = true;
    this.message = '计算中 · computing the rebalance…';
    this.render();
    try {
      const started = await post('/api/plans', { communities: [community], mode: 'rebalance', min: this.viewer.config.min, max: this.viewer.config.max });
      const id = Number(started.id);
      let plan: Record<string, unknown> = {};
      for (let i = 0; i < 600; i++) {
        plan = await getJson<Record<string, unknown>>(`/api/plans/${id}`);
        if (plan.complete === true || plan.error) break;
        await sleep(300);
      }
      if (plan.error) throw new Error(String(plan.error));
      if (plan.complete !== true) throw new Error(`plan ${id} did not finish`);
      const [draftJson, currentJson] = await Promise.all([
        getJson<unknown>(`/api/plans/${id}/grids`),
        getJson<unknown>(`/api/grids?community=${encodeURIComponent(community)}`),
      ]);
      const draft = readFeatures(draftJson, 'code');
      const { diffs, retired } = diffGrids(readFeatures(currentJson, 'code'), draft);
      const source = this.layer.getSource()!;
      source.clear();
      source.addFeatures([...draft, ...retired]);
      this.planId = id;
      this.community = community;
      this.diffs = diffs;
      const figures = (plan.summary as { Rebalance?: { HouseholdsMoved?: unknown } } | null)?.Rebalance;
      this.moved = typeof figures?.HouseholdsMoved === 'number' ? figures.HouseholdsMoved : undefined;
      this.message = '';
      this.viewer.map.getTargetElement()!.dataset.diffShown = String(id);
    } catch (err) {
      this.message = `重新平衡失败 · the rebalance could not be previewed: ${esc(err instanceof ApiError ? err.detail || err.title : (err as Error).message)}`;
    } finally {
      this.busy = false;
      this.render();
    }
  }

  private async publish(): Promise<void> {
    if (this.planId === null) return;
    const id = this.planId;
    this.busy = true;
    this.render();
    try {
      await post(`/api/plans/${id}/publish`, {});
      this.discard(`已发布 · published plan ${id}: its grids are now current`);
      this.viewer.reloadData();
      const selected = this.viewer.selected?.code;
      if (selected) await this.viewer.selectGrid(selected, false);
    } catch (err) {
      this.message = `发布失败 · publishing failed: ${esc(err instanceof ApiError ? err.detail || err.title : (err as Error).message)}`;
    } finally {
      this.busy = false;
      this.render();
    }
  }

  private discard(message: string): void {
    this.layer.getSource()!.clear();
    this.planId = null;
    this.diffs = [];
    this.moved = undefined;
    this.message = message;
    delete this.viewer.map.getTargetElement()!.dataset.diffShown;
    this.render();
  }
}

