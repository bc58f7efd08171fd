import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  effect,
  ElementRef,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import type { Chart } from 'chart.js';
import { drawStackedBars } from './stacked-bar-chart';

export interface CapacitySeries {
  labels: string[];
  remote: number[];
  reserved: number[];
  capacity: number[];
  standardCap: number[];
  legend: { remote: string; reserved: string; capacity: string; standardCap: string };
}

/**
 * Bars for the seats used (remote agents, then reserved seats, stacked) and lines for the cap
 * and the cap less the reserve. Canvas only: the page offers the same figures as a table.
 */
@Component({
  selector: 'tw-capacity-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="tw-chart-box">
      <canvas #canvas role="img" [attr.aria-label]="label()"></canvas>
    </div>
    @if (failed()) {
      <p role="alert">{{ failedText() }}</p>
    }
  `,
  styles: `
    .tw-chart-box {
      position: relative;
      height: 360px;
      min-width: 640px;
    }
  `,
})
export class CapacityChart {
  readonly series = input.required<CapacitySeries>();
  readonly label = input.required<string>();
  readonly failedText = input('');
  private readonly canvas = viewChild.required<ElementRef<HTMLCanvasElement>>('canvas');
  protected readonly failed = signal(false);
  private chart: Chart | null = null;
  private destroyed = false;

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      this.destroyed = true;
      this.chart?.destroy();
    });
    effect(() => {
      const series = this.series();
      const canvas = this.canvas().nativeElement;
      void this.draw(canvas, series);
    });
  }

  private async draw(canvas: HTMLCanvasElement, s: CapacitySeries): Promise<void> {
    const datasets = [
      { type: 'bar' as const, label: s.legend.remote, data: s.remote, backgroundColor: '#6a6af4', stack: 'use', order: 2 },
      { type: 'bar' as const, label: s.legend.reserved, data: s.reserved, backgroundColor: '#c86b00', stack: 'use', order: 2 },
      { type: 'line' as const, label: s.legend.capacity, data: s.capacity, borderColor: '#ce0500', backgroundColor: '#ce0500', borderWidth: 2, pointRadius: 0, stepped: true, stack: 'cap', order: 1 },
      { type: 'line' as const, label: s.legend.standardCap, data: s.standardCap, borderColor: '#3a3a3a', backgroundColor: '#3a3a3a', borderDash: [6, 4], borderWidth: 1.5, pointRadius: 0, stepped: true, stack: 'std', order: 1 },
    ];
    try {
      this.chart = await drawStackedBars(canvas, this.chart, s.labels, datasets, () => this.destroyed);
    } catch {
      this.failed.set(true);
    }
  }
}
