import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

/**
 * chart.js with only what the capacity chart draws registered (bars, lines, two axes, legend,
 * tooltip). Named static imports let the bundler drop the rest of chart.js; this module is
 * itself imported dynamically by the chart component, so it stays out of every other bundle.
 */
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

export { Chart };
