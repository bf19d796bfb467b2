/**
 * Rebalance preview: for the selected grid's community, starts a rebalance draft
 * (`POST /api/plans {communities, mode:"rebalance"}`), waits for it, and draws its grids over the
 * map as a diff layer, each grid marked as the server's diff (`GET /api/plans/{id}/diff`) says: changed, created and retired grids stand out,
 * unchanged ones are outlines only. A list gives each grid's households before → after. Publishing
 * makes the draft current (`POST /api/plans/{id}/publish`); discarding just hides it.
 */
import type Feature from 'ol/Feature';
import type { Geometry } from 'ol/geom';
import { ApiError, getJson, postJson } from './api';
import { onSignIn, signedIn } from './auth';
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

/** A grid of the server's diff (`GET /api/plans/{id}/diff?all=true`). */
interface ServerDiff {
  code: string;
  change: string;
  households_before?: number | null;
  households_after?: number | null;
}

/**
 * The change of each grid as the server's diff gives it, marked on the draft's and the retired grids' features;
 * a recount (same members, other households) is drawn and listed as a change.
 */
export function applyDiff(server: ServerDiff[], draft: Feature<Geometry>[], current: Feature<Geometry>[]): { diffs: GridDiff[]; retired: Feature<Geometry>[] } {
  const diffs = server.map((d) => ({
    code: d.code,
    change: (d.change === 'recounted' ? 'changed' : d.change) as ChangeKind,
    before: d.households_before ?? undefined,
    after: d.households_after ?? undefined,
  }));
  const changeOf = new Map(diffs.map((d) => [d.code, d.change]));
  for (const f of draft) f.set('change', changeOf.get(String(f.getId())) ?? 'unchanged');
  const retired = current.filter((f) => changeOf.get(String(f.getId())) === 'retired');
  for (const f of retired) f.set('change', 'retired');
  diffs.sort((a, b) => a.code.localeCompare(b.code));
  return { diffs, retired };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class RebalancePreview {
  private planId: number | null = null;
  private community = '';
  private diffs: GridDiff[] = [];
  private moved: number | undefined;
  private staffing: StaffingDiff | null = null;
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
             ${staffingSummary(this.staffing)}
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
      const started = await postJson('/api/plans', { communities: [community], mode: 'rebalance', min: this.viewer.config.min, max: this.viewer.config.max });
      const id = Number(started.id);
      let plan: Record<string, unknown> = {};
      for (let i = 0; i < 600; i++) {
        plan = await getJson<Record<string, unknown>>(`/api/plans/${id}`);
        if (plan.complete === true || plan.error) break;
        await sleep(300);
      }
      if (plan.error) throw new Error(String(plan.error));
      if (plan.complete !== true) throw new Error(`plan ${id} did not finish`);
      const [draftJson, currentJson, diffJson] = await Promise.all([
        getJson<unknown>(`/api/plans/${id}/grids`),
        getJson<unknown>(`/api/grids?community=${encodeURIComponent(community)}`),
        getJson<{ grids: ServerDiff[]; staffing?: StaffingDiff | null }>(`/api/plans/${id}/diff?all=true`),
      ]);
      const draft = readFeatures(draftJson, 'code');
      const { diffs, retired } = applyDiff(diffJson.grids, draft, readFeatures(currentJson, 'code'));
      const source = this.layer.getSource()!;
      source.clear();
      source.addFeatures([...draft, ...retired]);
      this.planId = id;
      this.community = community;
      this.diffs = diffs;
      this.staffing = diffJson.staffing ?? null;
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
      const published = (await postJson(`/api/plans/${id}/publish`, {})) as { warnings?: string[] } | null;
      const warnings = published?.warnings ?? [];
      this.discard(`已发布 · published plan ${id}: its grids are now current${warnings.length ? `; ${esc(warnings.join('; '))}` : ''}`);
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
    this.staffing = null;
    this.message = message;
    delete this.viewer.map.getTargetElement()!.dataset.diffShown;
    this.render();
  }
}


/** The staffing part of a plan diff: people kept, moved and released, and the grids and units needing people. */
export interface StaffingDiff {
  kept: number;
  moved: { person: number; name?: string | null; role: string; from: string; to: string }[];
  released: { person: number; name?: string | null; role: string; from: string }[];
  needing_people: { code: string; role: string; new: boolean }[];
  grids_without_worker: string[];
}

function staffingSummary(s: StaffingDiff | null): string {
  if (!s) return '';
  const moved = s.moved
    .map((m) => `<li data-staff-moved="${m.person}">${esc(m.name ?? String(m.person))} <code>${esc(m.from.slice(-3))}</code> → <code>${esc(m.to.slice(-3))}</code></li>`)
    .join('');
  const missing = s.grids_without_worker.map((c) => `<code>${esc(c)}</code>`).join(' ');
  return `<p data-field="diff-staffing">人员 staffing: ${s.kept} kept, ${s.moved.length} moved, ${s.released.length} released, ${s.needing_people.length} need people</p>
    ${moved ? `<ul class="counts" data-field="diff-staff-moved">${moved}</ul>` : ''}
    ${missing ? `<p class="error" data-field="diff-unstaffed">无网格员 · no grid worker after publishing: ${missing}</p>` : ''}`;
}
