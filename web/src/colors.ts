/** Colours: Goldstein from conflict (−10, red) through neutral (grey) to cooperation (+10, blue); QuadClass; CAMEO roots. */
import { scaleLinear, scaleOrdinal } from 'd3-scale';

export const goldsteinColor = scaleLinear<string>().domain([-10, -2, 0, 2, 10]).range(['#b2182b', '#e58368', '#bdbdbd', '#6fa8d6', '#2166ac']).clamp(true);

export const QUAD_NAMES: Readonly<Record<string, string>> = {
  '1': 'Verbal cooperation',
  '2': 'Material cooperation',
  '3': 'Verbal conflict',
  '4': 'Material conflict',
};

export const QUAD_COLORS: Readonly<Record<string, string>> = { '1': '#6fa8d6', '2': '#2166ac', '3': '#e58368', '4': '#b2182b' };

const rootPalette = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac', '#1b9e77', '#d95f02', '#7570b3', '#e7298a', '#66a61e', '#e6ab02', '#a6761d', '#666666', '#8dd3c7', '#bebada'];
export const rootColor = scaleOrdinal<string, string>(rootPalette).domain(Array.from({ length: 20 }, (_, i) => String(i + 1).padStart(2, '0')));

export function groupColor(split: 'quadclass' | 'root', group: string): string {
  return split === 'quadclass' ? (QUAD_COLORS[group] ?? '#999') : rootColor(group);
}
