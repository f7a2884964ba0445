import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { formatCents } from '@wallet/shared';

const WIDTH = 320;
const HEIGHT = 80;
const PAD = 4;

/** A small line chart of balances (cents), oldest first; described in words for screen readers. */
@Component({
  selector: 'app-sparkline',
  template: `
    @if (values().length > 0) {
      <svg
        [attr.viewBox]="'0 0 ' + width + ' ' + height"
        role="img"
        [attr.aria-label]="description()"
        preserveAspectRatio="none"
      >
        <polygon class="area" [attr.points]="area()" />
        <polyline class="line" [attr.points]="points()" />
      </svg>
      <p class="caption muted">{{ description() }}</p>
    } @else {
      <p class="muted">No transactions yet: the chart appears after the first one.</p>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    svg {
      width: 100%;
      height: 80px;
      display: block;
    }
    .line {
      fill: none;
      stroke: var(--mat-sys-primary);
      stroke-width: 2;
      vector-effect: non-scaling-stroke;
    }
    .area {
      fill: var(--mat-sys-primary-container);
      opacity: 0.6;
    }
    .caption {
      font: var(--mat-sys-body-small);
      margin: 4px 0 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Sparkline {
  readonly values = input.required<number[]>();
  protected readonly width = WIDTH;
  protected readonly height = HEIGHT;

  private readonly coordinates = computed(() => {
    const values = this.values();
    const min = Math.min(0, ...values);
    const max = Math.max(...values, min + 1);
    const step = values.length > 1 ? (WIDTH - 2 * PAD) / (values.length - 1) : 0;
    const y = (value: number) => HEIGHT - PAD - ((value - min) / (max - min)) * (HEIGHT - 2 * PAD);
    const points = values.map((value, index) => [PAD + index * step, y(value)] as const);
    // One value: a flat line across.
    return points.length === 1 ? [points[0], [WIDTH - PAD, points[0][1]] as const] : points;
  });

  protected readonly points = computed(() =>
    this.coordinates()
      .map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`)
      .join(' '),
  );

  protected readonly area = computed(() => {
    const coordinates = this.coordinates();
    const first = coordinates[0];
    const last = coordinates[coordinates.length - 1];
    return `${first[0].toFixed(1)},${HEIGHT - PAD} ${this.points()} ${last[0].toFixed(1)},${HEIGHT - PAD}`;
  });

  protected readonly description = computed(() => {
    const values = this.values();
    const first = formatCents(values[0]);
    const last = formatCents(values[values.length - 1]);
    const high = formatCents(Math.max(...values));
    return values.length === 1
      ? `Balance after your only transaction: ${last}.`
      : `Balance over your last ${values.length} transactions: from ${first} to ${last}, highest ${high}.`;
  });
}
