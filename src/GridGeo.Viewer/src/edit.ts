/**
 * Editing tools for the selected grid, through the editing API (each edit with `If-Match` and the
 * signed-in planner's key): pick buildings by click or box and move them to a neighbouring grid
 * with live before → after counts; lock / unlock; merge with a neighbour; split by a drawn line;
 * redraw the boundary by dragging its edges (snapping to the neighbours' corners and edges); undo
 * the last edit (a revert to the grid's version before it). Refusals are explained in words: 401
 * (sign in), 403 (not your street), 409 (locked), 412 (changed meanwhile), 422 (the rule broken).
 */
import Feature from 'ol/Feature';
import type { Geometry } from 'ol/geom';
import { Point } from 'ol/geom';
import DragBox from 'ol/interaction/DragBox';
import Draw from 'ol/interaction/Draw';
import Modify from 'ol/interaction/Modify';
import Snap from 'ol/interaction/Snap';
import type Interaction from 'ol/interaction/Interaction';
import { ApiError, getGrid, moveBuildings, sendEdit, urls, type EditResult, type GridDetail } from './api';
import { onSignIn, signedIn } from './auth';
import { geoJsonFormat } from './layers';
import { boundsClass, boundsColours } from './styles';
import type { Viewer } from './viewer';

/** How to take an edit back: revert grid `code` to the version it had before the edit. */
interface UndoRecord {
  code: string;
  version: number;
  what: string;
}

type Mode = 'none' | 'box' | 'split' | 'redraw';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Sum of the households of the picked buildings, from the building layer's features. */
function householdsOf(viewer: Viewer, ids: Iterable<string>): number {
  const source = viewer.layers.buildings.getSource()!;
  let sum = 0;
  for (const id of ids) sum += Number(source.getFeatureById(id)?.get('households') ?? 0);
  return sum;
}

/** Whether a building belongs to the grid: its `grid_code`, the grid's member list, else the grid's shape. */
export function belongsTo(building: Feature<Geometry>, grid: GridDetail, gridFeature: Feature<Geometry> | undefined): boolean {
  const code = building.get('grid_code');
  if (typeof code === 'string' && code.length > 0) return code === grid.code;
  const id = String(building.getId());
  if (grid.buildingIds) return grid.buildingIds.some((m) => m === id || m.startsWith(`${id}#`));
  const geometry = building.getGeometry();
  return !!(geometry instanceof Point && gridFeature?.getGeometry()?.intersectsCoordinate(geometry.getCoordinates()));
}

export class EditTools {
  private readonly undo: UndoRecord[] = [];
  private readonly box = new DragBox({ className: 'gridgeo-dragbox' });
  private mode: Mode = 'none';
  private modeInteractions: Interaction[] = [];
  private target = '';
  private message = '';
  private busy = false;
  private lastCode = '';

  constructor(
    private readonly viewer: Viewer,
    private readonly el: HTMLElement,
  ) {
    this.box.on('boxend', () => this.pickInBox());
    // Reloaded grids bring the neighbours' current households for the before → after counts.
    viewer.layers.grids.getSource()!.on('featuresloadend', () => this.render());
    viewer.onSelect((detail) => this.onSelect(detail));
    onSignIn(() => this.render());
  }

  private get picked(): Set<string> {
    return this.viewer.layers.selectedBuildings;
  }

  private onSelect(detail: GridDetail | null): void {
    if (detail?.code !== this.lastCode) {
      if (!this.busy) this.message = '';
      this.setMode('none');
    }
    this.lastCode = detail?.code ?? '';
    this.picked.clear();
    this.viewer.layers.buildings.changed();
    this.target = detail?.neighbours.includes(this.target) ? this.target : (detail?.neighbours[0] ?? '');
    this.render();
  }

  /** Handles a map click while editing; true when the click was the editor's (picked a building, or a drawing mode is on). */
  handleClick(pixel: number[]): boolean {
    if (this.mode === 'split' || this.mode === 'redraw') return true;
    if (!this.viewer.selected) return false;
    let building: Feature<Geometry> | undefined;
    this.viewer.map.forEachFeatureAtPixel(
      pixel,
      (f) => {
        building = f as Feature<Geometry>;
        return true;
      },
      { layerFilter: (l) => l === this.viewer.layers.buildings, hitTolerance: 3 },
    );
    if (!building) return false;
    if (!belongsTo(building, this.viewer.selected, this.viewer.selectedFeature)) return false;
    const id = String(building.getId());
    if (this.picked.has(id)) this.picked.delete(id);
    else this.picked.add(id);
    this.viewer.layers.buildings.changed();
    this.render();
    return true;
  }

  private pickInBox(): void {
    const grid = this.viewer.selected;
    if (!grid) return;
    const extent = this.box.getGeometry().getExtent();
    this.viewer.layers.buildings.getSource()!.forEachFeatureInExtent(extent, (f) => {
      if (belongsTo(f, grid, this.viewer.selectedFeature)) this.picked.add(String(f.getId()));
    });
    this.viewer.layers.buildings.changed();
    this.render();
  }

  /** Switches the drawing mode: box picking, drawing a split line, or dragging the boundary's edges. */
  private setMode(mode: Mode): void {
    if (mode === this.mode) return;
    const map = this.viewer.map;
    for (const i of this.modeInteractions) map.removeInteraction(i);
    this.modeInteractions = [];
    const sketch = this.viewer.layers.sketch.getSource()!;
    sketch.clear();
    this.mode = mode;
    const grids = this.viewer.layers.grids.getSource()!;
    if (mode === 'box') this.modeInteractions = [this.box];
    if (mode === 'split') {
      const draw = new Draw({ source: sketch, type: 'LineString' });
      draw.on('drawend', (e) => void this.split(e.feature as Feature<Geometry>));
      this.modeInteractions = [draw, new Snap({ source: grids })];
    }
    if (mode === 'redraw') {
      const geometry = this.viewer.selectedFeature?.getGeometry();
      if (!geometry) {
        this.mode = 'none';
        return;
      }
      sketch.addFeature(new Feature(geometry.clone()));
      const modify = new Modify({ source: sketch });
      modify.on('modifyend', () => {
        this.el.dataset.redrawn = String(Number(this.el.dataset.redrawn ?? '0') + 1);
        this.render();
      });
      // Snap to the neighbours' corners and edges, so that a dragged shared edge lands on them exactly.
      this.modeInteractions = [modify, new Snap({ source: grids }), new Snap({ source: sketch })];
    }
    for (const i of this.modeInteractions) map.addInteraction(i);
    this.el.dataset.mode = mode;
  }

  private targetHouseholds(): number | undefined {
    const h = this.viewer.gridFeature(this.target)?.get('households');
    return typeof h === 'number' ? h : this.viewer.selected?.neighbourHouseholds[this.target];
  }

  private badge(h: number | undefined, kind: string | undefined): string {
    if (h === undefined) return '<b>?</b>';
    const colour = kind === 'dedicated' ? '#555' : boundsColours[boundsClass(h, this.viewer.config)];
    return `<b style="color:${colour}">${h}</b>`;
  }

  private countLine(code: string, before: number | undefined, after: number | undefined, kind: string | undefined): string {
    return `<li data-count="${esc(code)}"><code>${esc(code)}</code> ${this.badge(before, kind)} → <span data-after>${this.badge(after, kind)}</span></li>`;
  }

  render(): void {
    const grid = this.viewer.selected;
    if (!grid) {
      this.el.hidden = true;
      return;
    }
    this.el.hidden = false;
    const who = signedIn();
    const mayEdit = !!who?.canEdit && !this.busy;
    const dis = (ok: boolean) => (ok && mayEdit ? '' : 'disabled');
    const moved = householdsOf(this.viewer, this.picked);
    const targetBefore = this.targetHouseholds();
    const targetKind = this.viewer.gridFeature(this.target)?.get('kind');
    const options = grid.neighbours.map((n) => `<option value="${esc(n)}" ${n === this.target ? 'selected' : ''}>${esc(n)}</option>`).join('');
    const locked = grid.locked === true;
    const merged = grid.households !== undefined && targetBefore !== undefined ? grid.households + targetBefore : undefined;
    const signHint = !who
      ? '<p class="signin-needed" data-field="signin-needed">请先用规划员密钥登录（右上角）才能编辑 · Sign in with a planner key (top right) to edit.</p>'
      : !who.canEdit
        ? `<p class="signin-needed" data-field="signin-needed">密钥 ${esc(who.name)} 为只读，不能编辑 · The key ${esc(who.name)} is a reader key: it cannot edit.</p>`
        : '';
    this.el.innerHTML = `
      <h3>编辑 Edit ${locked ? '<span class="badge" style="background:#555" data-field="locked">锁定 locked</span>' : ''}</h3>
      ${signHint}
      <label>相邻网格 Neighbour <select data-field="target">${options}</select></label>
      <fieldset><legend>移动楼栋 Move buildings</legend>
        <p class="hint">点击楼栋选择，或框选 · click buildings of ${esc(grid.code)}, or draw a box</p>
        <div class="row">
          <button type="button" data-action="box" class="${this.mode === 'box' ? 'on' : ''}">框选 Box</button>
          <button type="button" data-action="clear">清除 Clear</button>
        </div>
        <p data-field="picked">已选 ${this.picked.size} 栋 · ${moved} 户 / picked ${this.picked.size} buildings, ${moved} households</p>
        <ul class="counts" data-field="before-after">
          ${this.countLine(grid.code, grid.households, grid.households === undefined ? undefined : grid.households - moved, grid.kind)}
          ${this.target ? this.countLine(this.target, targetBefore, targetBefore === undefined ? undefined : targetBefore + moved, targetKind) : ''}
        </ul>
        <button type="button" data-action="move" ${dis(this.picked.size > 0 && this.target !== '')}>移动 Move</button>
      </fieldset>
      <fieldset><legend>网格 Grid</legend>
        <div class="row">
          <button type="button" data-action="${locked ? 'unlock' : 'lock'}" ${dis(true)}>${locked ? '解锁 Unlock' : '锁定 Lock'}</button>
          <button type="button" data-action="merge" ${dis(this.target !== '')} title="${merged === undefined ? '' : `${merged} 户 households together`}">合并 Merge with neighbour</button>
        </div>
        <p class="hint" data-field="merge-preview">${this.target && merged !== undefined ? `合并后 merged: ${esc(grid.code)} ${this.badge(merged, grid.kind)} 户 households` : ''}</p>
        <div class="row">
          <button type="button" data-action="split" class="${this.mode === 'split' ? 'on' : ''}" ${dis(true)}>分割 Split by a line</button>
          <button type="button" data-action="redraw" class="${this.mode === 'redraw' ? 'on' : ''}" ${dis(true)}>调整边界 Redraw boundary</button>
        </div>
        ${this.mode === 'split' ? '<p class="hint" data-field="mode-hint">在地图上画一条穿过网格的线，双击结束 · draw a line across the grid; double-click to finish</p>' : ''}
        ${
          this.mode === 'redraw'
            ? `<p class="hint" data-field="mode-hint">拖动边界或顶点（吸附到相邻网格）· drag an edge or corner (it snaps to the neighbours)</p>
               <div class="row"><button type="button" data-action="save-boundary" ${dis(true)}>保存边界 Save boundary</button>
               <button type="button" data-action="cancel">取消 Cancel</button></div>`
            : ''
        }
      </fieldset>
      <div class="row">
        <button type="button" data-action="undo" ${this.undo.length > 0 && mayEdit ? '' : 'disabled'}>撤销 Undo${this.undo.length > 0 ? ` (${esc(this.undo[this.undo.length - 1].what)})` : ''}</button>
      </div>
      ${this.message ? `<p class="edit-message" data-field="edit-message">${this.message}</p>` : ''}`;
    const on = (action: string, f: () => void) => {
      const b = this.el.querySelector<HTMLButtonElement>(`[data-action=${action}]`);
      if (b) b.onclick = f;
    };
    const toggle = (mode: Mode) => () => {
      this.setMode(this.mode === mode ? 'none' : mode);
      this.render();
    };
    on('box', toggle('box'));
    on('split', toggle('split'));
    on('redraw', toggle('redraw'));
    on('cancel', toggle('none'));
    on('clear', () => {
      this.picked.clear();
      this.viewer.layers.buildings.changed();
      this.render();
    });
    this.el.querySelector<HTMLSelectElement>('[data-field=target]')!.onchange = (e) => {
      this.target = (e.target as HTMLSelectElement).value;
      this.render();
    };
    on('move', () => void this.move());
    on('lock', () => void this.lock(true));
    on('unlock', () => void this.lock(false));
    on('merge', () => void this.merge());
    on('save-boundary', () => void this.saveBoundary());
    on('undo', () => void this.undoLast());
  }

  /**
   * Runs one edit of the selected grid: on success, records how to undo it, says what happened
   * (with any bounds warnings), reloads the map and selects `keep`; on refusal, explains it.
   */
  private async edit(what: string, send: (grid: GridDetail) => Promise<EditResult>, done: (r: EditResult) => string, keep?: (r: EditResult) => string): Promise<void> {
    const grid = this.viewer.selected;
    if (!grid || this.busy) return;
    this.busy = true;
    this.render();
    let reselect = grid.code;
    try {
      const result = await send(grid);
      if (grid.version !== undefined) this.undo.push({ code: grid.code, version: grid.version, what });
      const warnings = result.warnings.map((w) => `<li>${esc(w.message)}</li>`).join('');
      this.message = `${done(result)}${warnings ? `<ul class="warnings" data-field="edit-warnings">${warnings}</ul>` : ''}`;
      this.picked.clear();
      reselect = keep?.(result) ?? grid.code;
      this.setMode('none');
      this.viewer.reloadData();
    } catch (err) {
      this.message = explain(err, grid.code);
      // A 412 means the map is out of date too: draw what is stored now.
      if (err instanceof ApiError && err.status === 412) this.viewer.reloadData();
    } finally {
      this.busy = false;
      await this.viewer.selectGrid(reselect, false);
      this.render();
    }
  }

  private async move(): Promise<void> {
    const ids = [...this.picked];
    const to = this.target;
    if (ids.length === 0 || !to) return;
    await this.edit(
      `move ${ids.length}`,
      (g) => moveBuildings(g.code, ids, to, g.etag),
      () => `已移动 · moved ${ids.length} buildings from ${esc(this.lastCode)} to ${esc(to)}`,
    );
  }

  private async lock(on: boolean): Promise<void> {
    await this.edit(
      on ? 'lock' : 'unlock',
      (g) => sendEdit('POST', urls.gridAction(g.code, on ? 'lock' : 'unlock'), {}, g.etag),
      () => (on ? `已锁定 · locked ${esc(this.lastCode)}: edits and rebalancing leave it alone` : `已解锁 · unlocked ${esc(this.lastCode)}`),
    );
  }

  private async merge(): Promise<void> {
    const other = this.target;
    if (!other) return;
    await this.edit(
      `merge ${other.slice(-3)}`,
      async (g) => {
        const neighbour = await getGrid(other);
        return sendEdit('POST', urls.merge(), { codes: [g.code, other] }, [g.etag, neighbour.etag].filter(Boolean).join(', '));
      },
      (r) => {
        const kept = r.grids.find((x) => !x.removed);
        return `已合并 · merged ${esc(other)} into ${esc(kept?.code ?? this.lastCode)}: ${kept?.households ?? '?'} households`;
      },
    );
  }

  private async split(line: Feature<Geometry>): Promise<void> {
    const geometry = geoJsonFormat.writeGeometryObject(line.getGeometry()!);
    await this.edit(
      'split',
      (g) => sendEdit('POST', urls.gridAction(g.code, 'split'), { line: geometry }, g.etag),
      (r) =>
        `已分割 · split ${esc(this.lastCode)} into ${r.grids
          .filter((x) => !x.removed)
          .map((x) => `<span data-split="${esc(x.code)}">${esc(x.code)} (${x.households ?? '?'} 户)</span>`)
          .join(' and ')}`,
    );
  }

  private async saveBoundary(): Promise<void> {
    const drawn = this.viewer.layers.sketch.getSource()!.getFeatures()[0]?.getGeometry();
    if (!drawn) return;
    const geometry = geoJsonFormat.writeGeometryObject(drawn);
    await this.edit(
      'redraw',
      (g) => sendEdit('PUT', urls.gridAction(g.code, 'boundary'), { geometry }, g.etag),
      (r) =>
        `已调整边界 · boundary of ${esc(this.lastCode)} redrawn; ${r.grids
          .filter((x) => !x.removed)
          .map((x) => `${esc(x.code)}: ${x.households ?? '?'} 户`)
          .join(', ')}`,
    );
  }

  /** Undo: revert the grid of the last edit to the version it had before (the API restores every grid that edit touched). */
  private async undoLast(): Promise<void> {
    const last = this.undo[this.undo.length - 1];
    if (!last || this.busy) return;
    this.busy = true;
    this.render();
    try {
      const now = await getGrid(last.code);
      await sendEdit('POST', urls.gridAction(last.code, 'revert'), { version: last.version }, now.etag);
      this.undo.pop();
      this.message = `已撤销 · undone: ${esc(last.what)} of ${esc(last.code)} (back to version ${last.version})`;
      this.viewer.reloadData();
    } catch (err) {
      this.message = explain(err, last.code);
    } finally {
      this.busy = false;
      await this.viewer.selectGrid(last.code, false);
      this.render();
    }
  }
}

/** Puts a refused edit in words a planner can act on. */
export function explain(err: unknown, code: string): string {
  if (!(err instanceof ApiError)) return `编辑失败 · the edit failed: ${esc((err as Error).message)}`;
  const why = esc(err.detail || err.title);
  switch (err.status) {
    case 401:
      return `未登录或密钥无效 · You are not signed in, or your key was refused: sign in with a planner key (top right) and try again. (${why})`;
    case 403:
      return `无权修改 · Your key may not make this edit: ${why}`;
    case 412:
      return `网格 ${esc(code)} 在您读取之后已被修改（可能是另一位规划员）。已重新读取最新数字，请核对后再编辑。 · Grid ${esc(code)} was changed after you read it (perhaps by another planner), so the edit was not made. Its latest figures are now shown: check them and try again.`;
    case 428:
      return `缺少版本号 · the server needs the grid's version (If-Match) to accept an edit: ${why}`;
    case 404:
      return `网格或楼栋不存在 · a grid or building no longer exists: ${why}`;
    case 409:
      return `网格已锁定或冲突 · refused, the grid is locked or in conflict: ${why}`;
    case 400:
    case 422:
      return `编辑被拒绝 · the edit was refused: ${why}`;
    default:
      return `编辑失败 · the edit failed (${err.status}): ${why}`;
  }
}
