import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  Tooltip,
  type ChartConfiguration,
  type Plugin,
} from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

/** Error bars: a dataset may carry `errorBars: [low, high][]`, drawn as whiskers over its bars. */
const errorBars: Plugin<'bar'> = {
  id: 'errorBars',
  afterDatasetsDraw(chart) {
    const { ctx } = chart;
    chart.data.datasets.forEach((ds, i) => {
      const bars = (ds as { errorBars?: ([number, number] | null)[] }).errorBars;
      const meta = chart.getDatasetMeta(i);
      if (!bars || meta.hidden) return;
      const scale = chart.scales[meta.vAxisID ?? 'y'];
      ctx.save();
      ctx.strokeStyle = '#222';
      ctx.lineWidth = 1.5;
      meta.data.forEach((el, j) => {
        const range = bars[j];
        if (!range) return;
        const x = (el as unknown as { x: number }).x;
        const [lo, hi] = [scale.getPixelForValue(range[0]), scale.getPixelForValue(range[1])];
        ctx.beginPath();
        ctx.moveTo(x, lo);
        ctx.lineTo(x, hi);
        ctx.moveTo(x - 6, lo);
        ctx.lineTo(x + 6, lo);
        ctx.moveTo(x - 6, hi);
        ctx.lineTo(x + 6, hi);
        ctx.stroke();
      });
      ctx.restore();
    });
  },
};
Chart.register(errorBars);

const PALETTE = ['#2f6f4f', '#d08c2d', '#4a78b5', '#b5524a', '#7a5aa6', '#3f9aa0', '#a0a03f', '#8a8a8a', '#c46aa0', '#5a5a2f'];
export const color = (i: number) => PALETTE[i % PALETTE.length];

export interface Series {
  labels: string[];
  datasets: { label: string; data: number[]; errorBars?: ([number, number] | null)[] }[];
}

/**
 * Draws a bar chart into `canvas` and writes what it shows into `data-series` (labels and values), so
 * what is charted can be read back by a test or a screen reader helper.
 */
export function barChart(
  canvas: HTMLCanvasElement,
  series: Series,
  opts: { stacked?: boolean; horizontal?: boolean; yTitle: string },
): Chart<'bar'> {
  Chart.getChart(canvas)?.destroy();
  canvas.dataset.series = JSON.stringify(series);
  const maxHigh = Math.max(0, ...series.datasets.flatMap((d) => (d.errorBars ?? []).map((r) => (r ? r[1] : 0))));
  const valueAxis = {
    stacked: opts.stacked,
    beginAtZero: true,
    suggestedMax: maxHigh * 1.05 || undefined,
    title: { display: true, text: opts.yTitle },
  };
  const config: ChartConfiguration<'bar'> = {
    type: 'bar',
    data: {
      labels: series.labels,
      datasets: series.datasets.map((d, i) => ({ ...d, backgroundColor: color(i), borderWidth: 0 })),
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      indexAxis: opts.horizontal ? 'y' : 'x',
      scales: opts.horizontal ? { x: valueAxis, y: { stacked: opts.stacked } } : { x: { stacked: opts.stacked }, y: valueAxis },
      plugins: { legend: { display: series.datasets.length > 1, position: 'bottom' } },
    },
  };
  return new Chart(canvas, config);
}
