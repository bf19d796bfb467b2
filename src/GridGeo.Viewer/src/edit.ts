/**
 * Editing tools, shown only when the API has the building-move endpoint
 * (`POST /api/grids/{code}/moves`). Pick buildings of the selected grid by click or box, choose
 * a neighbouring grid, see the two grids' households before → after, move, and undo. A 412
 * (the grid changed since it was read) is explained in words and the grid is read again.
 */
import type Feature from 'ol/Feature';
import type { Geometry } from 'ol/geom';
import { Point } from 'ol/geom';
import DragBox from 'ol/interaction/DragBox';
import { ApiError, getGrid, moveBuildings, probeMoves, type GridDetail } from './api';
import { boundsClass, boundsColours } from './styles';
import type { Viewer } from './viewer';

interface MoveRecord {
  from: string;
  to: string;
  ids: string[];
}

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
  private available: boolean | undefined;
  private readonly undo: MoveRecord[] = [];
  private readonly box = new DragBox({ className: 'gridgeo-dragbox' });
  private boxMode = false;
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
    viewer.onSelect((detail) => void this.onSelect(detail));
  }

  private get picked(): Set<string> {
    return this.viewer.layers.selectedBuildings;
  }

  private async onSelect(detail: GridDetail | null): Promise<void> {
    if (detail && this.available === undefined) this.available = await probeMoves(detail.code);
    if (!this.available) {
      this.el.hidden = true;
      this.setBoxMode(false);
      return;
    }
    if (detail?.code !== this.lastCode && !this.busy) this.message = '';
    this.lastCode = detail?.code ?? '';
    this.picked.clear();
    this.viewer.layers.buildings.changed();
    this.target = detail?.neighbours.includes(this.target) ? this.target : (detail?.neighbours[0] ?? '');
    this.render();
  }

  /** Handles a map click while editing; true when it picked or dropped a building. */
  handleClick(pixel: number[]): boolean {
    if (!this.available || !this.viewer.selected) return false;
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

  private setBoxMode(on: boolean): void {
    if (on === this.boxMode) return;
    this.boxMode = on;
    if (on) this.viewer.map.addInteraction(this.box);
    else this.viewer.map.removeInteraction(this.box);
  }

  private targetHouseholds(): number | undefined {
    const h = this.viewer.gridFeature(this.target)?.get('households');
    return typeof h === 'number' ? h : this.viewer.selected?.neighbourHouseholds[this.target];
  }

  private countLine(code: string, before: number | undefined, after: number | undefined, kind: string | undefined): string {
    const badge = (h: number | undefined) => {
      if (h === undefined) return '<b>?</b>';
      const colour = kind === 'dedicated' ? '#555' : boundsColours[boundsClass(h, this.viewer.config)];
      return `<b style="color:${colour}">${h}</b>`;
    };
    return `<li data-count="${esc(code)}"><code>${esc(code)}</code> ${badge(before)} → <span data-after>${badge(after)}</span></li>`;
  }

  render(): void {
    const grid = this.viewer.selected;
    if (!this.available || !grid) {
      this.el.hidden = true;
      return;
    }
    this.el.hidden = false;
    const moved = householdsOf(this.viewer, this.picked);
    const targetBefore = this.targetHouseholds();
    const targetKind = this.viewer.gridFeature(this.target)?.get('kind');
    const options = grid.neighbours.map((n) => `<option value="${esc(n)}" ${n === this.target ? 'selected' : ''}>${esc(n)}</option>`).join('');
    const canMove = this.picked.size > 0 && this.target !== '' && !this.busy;
    this.el.innerHTML = `
      <h3>编辑 Edit</h3>
      <p class="hint">点击楼栋选择，或框选 · click buildings of ${esc(grid.code)}, or draw a box</p>
      <div class="row">
        <button type="button" data-action="box" class="${this.boxMode ? 'on' : ''}">框选 Box</button>
        <button type="button" data-action="clear">清除 Clear</button>
      </div>
      <p data-field="picked">已选 ${this.picked.size} 栋 · ${moved} 户 / picked ${this.picked.size} buildings, ${moved} households</p>
      <label>移至 Move to <select data-field="target">${options}</select></label>
      <ul class="counts" data-field="before-after">
        ${this.countLine(grid.code, grid.households, grid.households === undefined ? undefined : grid.households - moved, grid.kind)}
        ${this.target ? this.countLine(this.target, targetBefore, targetBefore === undefined ? undefined : targetBefore + moved, targetKind) : ''}
      </ul>
      <div class="row">
        <button type="button" data-action="move" ${canMove ? '' : 'disabled'}>移动 Move</button>
        <button type="button" data-action="undo" ${this.undo.length > 0 && !this.busy ? '' : 'disabled'}>撤销 Undo</button>
      </div>
      ${this.message ? `<p class="edit-message" data-field="edit-message">${this.message}</p>` : ''}`;
    this.el.querySelector<HTMLButtonElement>('[data-action=box]')!.onclick = () => {
      this.setBoxMode(!this.boxMode);
      this.render();
    };
    this.el.querySelector<HTMLButtonElement>('[data-action=clear]')!.onclick = () => {
      this.picked.clear();
      this.viewer.layers.buildings.changed();
      this.render();
    };
    this.el.querySelector<HTMLSelectElement>('[data-field=target]')!.onchange = (e) => {
      this.target = (e.target as HTMLSelectElement).value;
      this.render();
    };
    this.el.querySelector<HTMLButtonElement>('[data-action=move]')!.onclick = () => void this.move();
    this.el.querySelector<HTMLButtonElement>('[data-action=undo]')!.onclick = () => void this.undoLast();
  }

  private async run(record: MoveRecord, etag: string | undefined, isUndo: boolean): Promise<boolean> {
    this.busy = true;
    this.render();
    try {
      await moveBuildings(record.from, record.ids, record.to, etag);
      this.message = isUndo
        ? `已撤销 · undone: ${record.ids.length} buildings back to ${esc(record.to)}`
        : `已移动 · moved ${record.ids.length} buildings from ${esc(record.from)} to ${esc(record.to)}`;
      this.picked.clear();
      this.viewer.reloadData();
      return true;
    } catch (err) {
      this.message = explain(err, record);
      // A 412 means the map is out of date too: draw what is stored now.
      if (err instanceof ApiError && err.status === 412) this.viewer.reloadData();
      return false;
    } finally {
      this.busy = false;
      const reselect = isUndo ? record.to : record.from;
      await this.viewer.selectGrid(reselect, false);
    }
  }

  private async move(): Promise<void> {
    const grid = this.viewer.selected;
    if (!grid || this.picked.size === 0 || !this.target) return;
    const record = { from: grid.code, to: this.target, ids: [...this.picked] };
    if (await this.run(record, grid.etag, false)) this.undo.push(record);
    this.render();
  }

  private async undoLast(): Promise<void> {
    const last = this.undo[this.undo.length - 1];
    if (!last) return;
    let etag: string | undefined;
    try {
      etag = (await getGrid(last.to)).etag;
    } catch (err) {
      this.message = explain(err, last);
      this.render();
      return;
    }
    const back = { from: last.to, to: last.from, ids: last.ids };
    if (await this.run(back, etag, true)) this.undo.pop();
    this.render();
  }
}

/** Puts a refused move in words a planner can act on. */
export function explain(err: unknown, record: MoveRecord): string {
  if (!(err instanceof ApiError)) return `移动失败 · the move failed: ${esc((err as Error).message)}`;
  const why = esc(err.detail || err.title);
  switch (err.status) {
    case 412:
      return `网格 ${esc(record.from)} 在您读取之后已被修改（可能是另一位规划员）。已重新读取最新数字，请核对后再移动。 · Grid ${esc(record.from)} was changed after you read it (perhaps by another planner), so the move was not made. Its latest figures are now shown: check them and move again.`;
    case 428:
      return `缺少版本号 · the server needs the grid's version (If-Match) to accept a move: ${why}`;
    case 404:
      return `网格或楼栋不存在 · a grid or building no longer exists: ${why}`;
    case 400:
    case 409:
    case 422:
      return `移动被拒绝 · the move was refused: ${why}`;
    default:
      return `移动失败 · the move failed (${err.status}): ${why}`;
  }
}
