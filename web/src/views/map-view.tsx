/**
 * Map: events by place on a world map drawn from the country shapes shipped in the bundle (world-atlas,
 * Natural Earth 1:110m), each place a circle sized by its events and coloured by their mean Goldstein value;
 * countries shaded by the events placed in them. Clicking a place or a country filters every view to it.
 */
import { useMemo, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import { geoGraticule10, geoNaturalEarth1, geoPath } from 'd3-geo';
import { scaleLinear, scaleSqrt } from 'd3-scale';
import { feature } from 'topojson-client';
import type { FeatureCollection, Geometry } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import world from 'world-atlas/countries-110m.json';
import codes from 'i18n-iso-countries/codes.json';
import { queryString, type Filters } from '../api';
import { goldsteinColor } from '../colors';
import { useJson } from '../hooks';
import type { PlaceCounts } from '../types';

interface Props {
  filters: Filters;
  onFilters: (filters: Filters) => void;
  refresh: number;
}

const WIDTH = 960;
const HEIGHT = 500;

/** ISO 3166-1 numeric (the atlas's feature ids) → alpha-3 (the codes Herodotus uses). */
const ALPHA3 = new Map((codes as string[][]).map(([, alpha3, numeric]) => [numeric, alpha3] as const));
const topology = world as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
const COUNTRIES = feature(topology, topology.objects.countries) as FeatureCollection<Geometry, { name: string }>;

export function MapView({ filters, onFilters, refresh }: Props): JSX.Element {
  const { data, error } = useJson<PlaceCounts>(`/places${queryString(filters)}`, refresh);
  const [zoomed, setZoomed] = useState(true);
  const places = data?.places ?? [];
  const projection = useMemo(() => {
    const p = geoNaturalEarth1();
    if (!zoomed || places.length === 0) return p.fitExtent([[8, 8], [WIDTH - 8, HEIGHT - 8]], { type: 'Sphere' });
    const lons = places.map((x) => x.lon);
    const lats = places.map((x) => x.lat);
    const [w, e, s, n] = [Math.max(-180, Math.min(...lons) - 12), Math.min(180, Math.max(...lons) + 12), Math.max(-85, Math.min(...lats) - 8), Math.min(85, Math.max(...lats) + 8)];
    const box = { type: 'Polygon' as const, coordinates: [[[w, s], [w, n], [e, n], [e, s], [w, s]]] };
    return p.fitExtent([[8, 8], [WIDTH - 8, HEIGHT - 8]], box);
  }, [data, zoomed]);
  const path = geoPath(projection);
  const byCountry = new Map((data?.countries ?? []).map((c) => [c.country, c.events] as const));
  const shade = scaleLinear<string>().domain([0, Math.max(1, ...byCountry.values())]).range(['#eef0f2', '#9fb6cd']);
  const radius = scaleSqrt().domain([0, Math.max(1, ...places.map((p) => p.events))]).range([4, 24]);
  return (
    <section class="view" aria-labelledby="map-title">
      <h2 id="map-title">Map</h2>
      <div class="controls">
        <label>
          <input type="checkbox" name="zoom" checked={zoomed} onChange={(e) => setZoomed(e.currentTarget.checked)} /> Zoom to the events
        </label>
        {filters.place && (
          <button type="button" class="secondary" onClick={() => onFilters({ ...filters, place: undefined })}>
            Clear place {filters.place}
          </button>
        )}
        <span class="hint">Circles: places, sized by events, coloured by mean Goldstein. Click a place or a country to filter every view to it.</span>
      </div>
      {error && <p class="error" role="alert">{error}</p>}
      <svg class="chart map" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label="Events by place" data-testid="map-chart">
        <path class="sphere" d={path({ type: 'Sphere' }) ?? ''} />
        <path class="graticule" d={path(geoGraticule10()) ?? ''} />
        {COUNTRIES.features.map((f) => {
          const iso3 = ALPHA3.get(String(f.id)) ?? '';
          const n = byCountry.get(iso3) ?? 0;
          return (
            <path key={String(f.id) + f.properties.name} class={`country${n > 0 ? ' has-events' : ''}`} data-country={iso3} d={path(f) ?? ''} style={n > 0 ? { fill: shade(n) } : undefined} onClick={iso3 ? () => onFilters({ ...filters, place: iso3 }) : undefined}>
              <title>
                {f.properties.name}
                {n > 0 ? `: ${n} events placed here` : ''}
              </title>
            </path>
          );
        })}
        {places.map((p) => {
          const at = projection([p.lon, p.lat]);
          if (!at) return null;
          return (
            <circle key={`${p.name}|${p.country}`} class="place" data-place={p.name} cx={at[0]} cy={at[1]} r={radius(p.events)} fill={goldsteinColor(p.goldsteinMean)} onClick={() => onFilters({ ...filters, place: p.name })}>
              <title>
                {p.name}, {p.country}: {p.events} events ({p.mentions} mentions), mean Goldstein {p.goldsteinMean.toFixed(1)}
              </title>
            </circle>
          );
        })}
        {places.slice(0, 12).map((p) => {
          const at = projection([p.lon, p.lat]);
          return at ? (
            <text key={`label-${p.name}|${p.country}`} class="place-label" x={at[0] + radius(p.events) + 3} y={at[1] + 4}>
              {p.name} ({p.events})
            </text>
          ) : null;
        })}
      </svg>
      {data && places.length === 0 && <p class="muted">No placed events match these filters.</p>}
    </section>
  );
}
