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
import { drawStackedBars } from '../capacity/stacked-bar-chart';

export interface ImpactCounts {
  onSite: number[];
  remote: number[];
  noWorkplace: number[];
}

export interface ImpactSeries {
  labels: string[];
  before: ImpactCounts;
  after: ImpactCounts;
  /** already translated: `{onSite, remote, noWorkplace}` × before / after */
  legend: { before: Record<keyof ImpactCounts, string>; after: Record<keyof ImpactCounts, string> };
}

/** Colours of the three outcomes (the mode badges' borders), lighter for the plan without the event. */
export const IMPACT_COLOURS: Record<keyof ImpactCounts, { after: string; before: string }> = {
  onSite: { after: '#c86b00', before: '#f3c58d' },
  remote: { after: '#6a6af4', before: '#c5c5fb' },
  noWorkplace: { after: '#ce0500', before: '#f7a8a6' },
};

const KEYS: (keyof ImpactCounts)[] = ['onSite', 'remote', 'noWorkplace'];

/**
 * Per half-day of the event, two stacked bars side by side: without the event (lighter) and
 * with it, each on site / remote / without a workplace. chart.js, loaded lazily through the
 * capacity chart's loader; canvas only: the page offers the same figures as a table.
 */
@Component({
  selector: 'tw-impact-chart',
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
      min-width: max(100%, 480px);
    }
  `,
})
export class ImpactChart {
  readonly series = input.required<ImpactSeries>();
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

  private async draw(canvas: HTMLCanvasElement, s: ImpactSeries): Promise<void> {
    const datasets = (['before', 'after'] as const).flatMap((when) =>
      KEYS.map((key) => ({
        type: 'bar' as const,
        label: s.legend[when][key],
        data: s[when][key],
        backgroundColor: IMPACT_COLOURS[key][when],
        borderColor: IMPACT_COLOURS[key].after,
        borderWidth: when === 'before' ? 1 : 0,
        stack: when,
      })),
    );
    try {
      this.chart = await drawStackedBars(canvas, this.chart, s.labels, datasets, () => this.destroyed);
    } catch {
      this.failed.set(true);
    }
  }
}
