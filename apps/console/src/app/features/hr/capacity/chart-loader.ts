/**
 * chart.js, loaded on first use and with only what the capacity chart draws registered
 * (bars, lines, two axes, legend, tooltip), so it stays out of every other bundle.
 */
export async function loadChart() {
  const {
    Chart,
    BarController,
    BarElement,
    LineController,
    LineElement,
    PointElement,
    CategoryScale,
    LinearScale,
    Legend,
    Tooltip,
  } = await import('chart.js');
  Chart.register(
    BarController,
    BarElement,
    LineController,
    LineElement,
    PointElement,
    CategoryScale,
    LinearScale,
    Legend,
    Tooltip,
  );
  return Chart;
}
