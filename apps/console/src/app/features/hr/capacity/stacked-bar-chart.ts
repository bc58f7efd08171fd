import type { Chart, ChartDataset } from 'chart.js';

/** bars, and lines drawn over them (the capacity chart's caps) */
export type StackedBarDatasets = ChartDataset<'bar' | 'line', number[]>[];

/**
 * The stacked bar chart the capacity and impact charts draw: puts the new figures on the chart
 * already drawn, or draws one on `canvas` with chart.js loaded lazily (chart-loader). Resolves to
 * the chart, or null when `cancelled()` turned true while chart.js loaded (the component is gone).
 */
export async function drawStackedBars(
  canvas: HTMLCanvasElement,
  chart: Chart | null,
  labels: string[],
  datasets: StackedBarDatasets,
  cancelled: () => boolean,
): Promise<Chart | null> {
  if (chart) {
    chart.data.labels = labels;
    chart.data.datasets = datasets;
    chart.update();
    return chart;
  }
  const { Chart: ChartJs } = await import('./chart-loader');
  if (cancelled()) return null;
  return new ChartJs<'bar' | 'line', number[]>(canvas, {
    type: 'bar',
    data: { labels, datasets },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: { stacked: true, ticks: { autoSkip: true, maxRotation: 60 } },
        y: { stacked: true, beginAtZero: true },
      },
      plugins: { legend: { position: 'bottom' } },
    },
  });
}
