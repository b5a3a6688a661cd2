/**
 * Just enough TopoJSON to find a representative point of each feature at gazetteer build time: decode
 * the quantised, delta-encoded arcs of a topology, and take the area centroid of a feature's largest
 * polygon (the contiguous United States rather than a point pulled towards Alaska and Hawaii).
 */

export interface Topology {
  readonly transform?: { readonly scale: [number, number]; readonly translate: [number, number] };
  readonly arcs: ReadonlyArray<ReadonlyArray<[number, number]>>;
  readonly objects: Record<string, { readonly geometries: readonly TopoGeometry[] }>;
}

export interface TopoGeometry {
  readonly type: string;
  readonly id?: string | number;
  readonly properties?: Record<string, unknown>;
  readonly arcs?: unknown;
}

type Ring = Array<[number, number]>;

function decodeArcs(topology: Topology): Ring[] {
  const t = topology.transform;
  return topology.arcs.map((arc) => {
    if (!t) return arc.map(([x, y]) => [x, y] as [number, number]);
    let x = 0;
    let y = 0;
    return arc.map(([dx, dy]) => {
      x += dx;
      y += dy;
      return [x * t.scale[0] + t.translate[0], y * t.scale[1] + t.translate[1]] as [number, number];
    });
  });
}

function ringOf(arcIndexes: readonly number[], arcs: readonly Ring[]): Ring {
  const out: Ring = [];
  for (const index of arcIndexes) {
    const arc = index < 0 ? [...arcs[~index]].reverse() : arcs[index];
    // consecutive arcs share their joining point
    for (let i = out.length === 0 ? 0 : 1; i < arc.length; i++) out.push(arc[i]);
  }
  return out;
}

/** Area (in degree², longitudes shrunk by the cosine of latitude) and centroid of one ring. */
function ringCentroid(input: Ring): { area: number; lat: number; lon: number } {
  // Unwrap longitudes so that a ring crossing the antimeridian (Russia, Fiji) stays continuous.
  const ring: Ring = [];
  let shift = 0;
  for (let i = 0; i < input.length; i++) {
    if (i > 0) {
      const step = input[i][0] - input[i - 1][0];
      if (step > 180) shift -= 360;
      else if (step < -180) shift += 360;
    }
    ring.push([input[i][0] + shift, input[i][1]]);
  }
  const wrap = (lon: number): number => ((((lon + 180) % 360) + 360) % 360) - 180;
  if (ring.length < 3) return { area: 0, lat: ring[0]?.[1] ?? 0, lon: ring[0]?.[0] ?? 0 };
  let meanLat = 0;
  for (const p of ring) meanLat += p[1];
  meanLat /= ring.length;
  const k = Math.cos((meanLat * Math.PI) / 180);
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x0, y0] = ring[j];
    const [x1, y1] = ring[i];
    const cross = x0 * y1 - x1 * y0;
    a += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  if (Math.abs(a) < 1e-12) return { area: 0, lat: meanLat, lon: wrap(ring[0][0]) };
  return { area: Math.abs(a / 2) * k, lon: wrap(cx / (3 * a)), lat: cy / (3 * a) };
}

/** Representative point of each geometry of a topology object: centroid of its largest outer ring. */
export function featureCentroids(topology: Topology, objectName: string): Array<{ id: string; name: string; lat: number; lon: number; area: number }> {
  const arcs = decodeArcs(topology);
  const object = topology.objects[objectName];
  if (!object) throw new Error(`topology has no object '${objectName}'`);
  const out: Array<{ id: string; name: string; lat: number; lon: number; area: number }> = [];
  for (const g of object.geometries) {
    let polygons: number[][][] = [];
    if (g.type === 'Polygon') polygons = [g.arcs as number[][]];
    else if (g.type === 'MultiPolygon') polygons = g.arcs as number[][][];
    else continue;
    let best: { area: number; lat: number; lon: number } | null = null;
    let total = 0;
    for (const polygon of polygons) {
      if (polygon.length === 0) continue;
      const c = ringCentroid(ringOf(polygon[0], arcs));
      total += c.area;
      if (!best || c.area > best.area) best = c;
    }
    if (!best) continue;
    out.push({ id: String(g.id ?? ''), name: String(g.properties?.name ?? ''), lat: best.lat, lon: best.lon, area: total });
  }
  return out;
}
