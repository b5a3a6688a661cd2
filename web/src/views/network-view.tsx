/**
 * Actor network: actors as nodes (sized by events), actor pairs as edges (width by events, coloured by
 * mean Goldstein from conflict to cooperation). Clicking an edge lists its events.
 */
import { useMemo, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import { forceCenter, forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY, type SimulationLinkDatum, type SimulationNodeDatum } from 'd3-force';
import { scaleSqrt } from 'd3-scale';
import { queryString, type Filters } from '../api';
import { goldsteinColor } from '../colors';
import { EventTable } from '../components/event-table';
import { useJson } from '../hooks';
import type { EventCluster, Network } from '../types';

interface Props {
  filters: Filters;
  cameoName: (code: string) => string;
  refresh: number;
}

const WIDTH = 960;
const HEIGHT = 560;

type Node = Network['nodes'][number] & SimulationNodeDatum;
type Edge = Network['edges'][number] & SimulationLinkDatum<Node>;

/** Positions from a force layout run to rest before drawing (deterministic: d3-force starts nodes on a fixed spiral). */
function layout(network: Network): { nodes: Node[]; edges: Edge[] } {
  const nodes: Node[] = network.nodes.map((n) => ({ ...n }));
  const edges: Edge[] = network.edges.map((e) => ({ ...e, source: e.a, target: e.b }));
  const simulation = forceSimulation(nodes)
    .force('link', forceLink<Node, Edge>(edges).id((n) => n.id).distance(150))
    .force('charge', forceManyBody().strength(-500))
    .force('collide', forceCollide(40))
    .force('center', forceCenter(WIDTH / 2, HEIGHT / 2))
    // A weak pull to the middle keeps actors that share no event (separate components) in view.
    .force('x', forceX(WIDTH / 2).strength(0.06))
    .force('y', forceY(HEIGHT / 2).strength(0.1))
    .stop();
  for (let i = 0; i < 300; i++) simulation.tick();
  for (const n of nodes) {
    n.x = Math.max(40, Math.min(WIDTH - 40, n.x ?? 0));
    n.y = Math.max(30, Math.min(HEIGHT - 30, n.y ?? 0));
  }
  return { nodes, edges };
}

export function NetworkView({ filters, cameoName, refresh }: Props): JSX.Element {
  const { data, error } = useJson<Network>(`/network${queryString(filters)}`, refresh);
  const [edge, setEdge] = useState<Network['edges'][number] | null>(null);
  const drawn = useMemo(() => (data ? layout(data) : null), [data]);
  const edgeEvents = useJson<{ events: EventCluster[] }>(edge ? `/events?ids=${edge.ids.join(',')}&limit=${Math.max(1, edge.ids.length)}` : null, refresh);
  const radius = scaleSqrt().domain([0, Math.max(1, ...(data?.nodes ?? []).map((n) => n.events))]).range([6, 28]);
  const width = scaleSqrt().domain([0, Math.max(1, ...(data?.edges ?? []).map((e) => e.events))]).range([1.5, 12]);
  const end = (x: Edge['source']): Node => x as Node;
  return (
    <section class="view" aria-labelledby="network-title">
      <h2 id="network-title">Actor network</h2>
      <p class="hint">
        Actors are nodes, sized by their events; an edge joins two actors of an event (either direction), its width the number of events and its colour their mean
        Goldstein value: <span class="swatch" style={{ background: goldsteinColor(-10) }} /> conflict (−10) … <span class="swatch" style={{ background: goldsteinColor(0) }} /> neutral …{' '}
        <span class="swatch" style={{ background: goldsteinColor(10) }} /> cooperation (+10). Click an edge to list its events.
      </p>
      {error && <p class="error" role="alert">{error}</p>}
      {drawn && drawn.nodes.length === 0 && <p class="muted">No actors in the events matching these filters.</p>}
      {drawn && drawn.nodes.length > 0 && (
        <svg class="chart network" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label="Actor network" data-testid="network-chart">
          {drawn.edges.map((e) => {
            const [s, t] = [end(e.source), end(e.target)];
            const chosen = edge && edge.a === e.a && edge.b === e.b;
            return (
              <g key={`${e.a}-${e.b}`} class={`edge${chosen ? ' chosen' : ''}`} data-edge={`${e.a}-${e.b}`} onClick={() => setEdge(e)}>
                <line x1={s.x} y1={s.y} x2={t.x} y2={t.y} stroke={goldsteinColor(e.goldsteinMean)} stroke-width={width(e.events)} />
                <line class="edge-hit" x1={s.x} y1={s.y} x2={t.x} y2={t.y} stroke-width={Math.max(14, width(e.events) + 8)} />
                <title>
                  {e.a} – {e.b}: {e.events} events, mean Goldstein {e.goldsteinMean.toFixed(1)}
                </title>
              </g>
            );
          })}
          {drawn.nodes.map((n) => (
            <g key={n.id} class="node" transform={`translate(${n.x},${n.y})`}>
              <circle r={radius(n.events)} fill={goldsteinColor(n.goldsteinMean)} />
              <text y={radius(n.events) + 13} text-anchor="middle">
                {n.id}
              </text>
              <title>
                {n.id}
                {n.name ? ` (${n.name})` : ''}: {n.events} events
              </title>
            </g>
          ))}
        </svg>
      )}
      {edge && (
        <div class="edge-events" data-testid="edge-events">
          <h3>
            {edge.a} – {edge.b}: {edge.events} events, mean Goldstein {edge.goldsteinMean.toFixed(1)}{' '}
            <button type="button" class="secondary" onClick={() => setEdge(null)}>
              Close
            </button>
          </h3>
          {edgeEvents.data && <EventTable events={edgeEvents.data.events} cameoName={cameoName} />}
        </div>
      )}
    </section>
  );
}
