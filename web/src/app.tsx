/** The Herodotus web UI: one page, hash routes, filters shared by every view. */
import { useState } from 'preact/hooks';
import type { JSX } from 'preact';
import type { Filters } from './api';
import { FilterBar } from './components/filter-bar';
import { useJson } from './hooks';
import { href, useRoute, type View } from './route';
import { useSettings } from './settings';
import type { CameoCode, Info } from './types';
import { AddNewsView } from './views/add-news-view';
import { CorrectionsView } from './views/corrections-view';
import { DocumentView } from './views/document-view';
import { EventDetail } from './views/event-detail';
import { EventsView } from './views/events-view';
import { FeedsView } from './views/feeds-view';
import { MapView } from './views/map-view';
import { NetworkView } from './views/network-view';
import { TimelineView } from './views/timeline-view';

const TABS: Array<[View, string]> = [
  ['events', 'Events'],
  ['documents', 'Documents'],
  ['timeline', 'Timeline'],
  ['network', 'Network'],
  ['map', 'Map'],
  ['corrections', 'Corrections'],
  ['add', 'Add news'],
  ['feeds', 'Feeds'],
];

const FILTERED: readonly View[] = ['events', 'timeline', 'network', 'map'];

export function App(): JSX.Element {
  const route = useRoute();
  const [filters, setFilters] = useState<Filters>({});
  const [refresh, setRefresh] = useState(0);
  const [settings, saveSettings] = useSettings();
  const info = useJson<Info>('/info', refresh).data;
  const cameo = useJson<{ codes: CameoCode[] }>('/cameo').data?.codes ?? [];
  const names = new Map(cameo.map((c) => [c.code, c.name] as const));
  const cameoName = (code: string): string => names.get(code) ?? '';
  const changed = (): void => setRefresh((n) => n + 1);
  const tab = route.view === 'event' ? 'events' : route.view === 'document' ? 'documents' : route.view;

  let body: JSX.Element;
  switch (route.view) {
    case 'event':
      body = <EventDetail id={route.id ?? ''} info={info} cameo={cameo} cameoName={cameoName} settings={settings} refresh={refresh} onChanged={changed} />;
      break;
    case 'documents':
    case 'document':
      body = <DocumentView {...(route.id ? { id: route.id } : {})} />;
      break;
    case 'timeline':
      body = <TimelineView filters={filters} onFilters={setFilters} cameoName={cameoName} refresh={refresh} />;
      break;
    case 'network':
      body = <NetworkView filters={filters} cameoName={cameoName} refresh={refresh} />;
      break;
    case 'map':
      body = <MapView filters={filters} onFilters={setFilters} refresh={refresh} />;
      break;
    case 'corrections':
      body = <CorrectionsView cameoName={cameoName} refresh={refresh} />;
      break;
    case 'add':
      body = <AddNewsView info={info} settings={settings} onAdded={changed} />;
      break;
    case 'feeds':
      body = <FeedsView />;
      break;
    default:
      body = <EventsView filters={filters} cameoName={cameoName} refresh={refresh} />;
  }

  return (
    <>
      <header class="top">
        <h1>
          <a href={href('events')}>Herodotus</a>
        </h1>
        <nav aria-label="Views">
          {TABS.map(([view, label]) => (
            <a key={view} href={href(view)} class={tab === view ? 'tab current' : 'tab'} aria-current={tab === view ? 'page' : undefined}>
              {label}
            </a>
          ))}
        </nav>
        <div class="status muted" data-testid="status">
          {info ? `${info.documents} documents · ${info.events} events · ${info.corrections} corrections` : ''}
        </div>
        <details class="settings">
          <summary>{info?.writes ? (settings.apiKey ? 'API key set' : 'Enter API key') : 'Read only'}</summary>
          <label>
            <span>API key</span>
            <input type="password" name="apiKey" autocomplete="off" value={settings.apiKey} onInput={(e) => saveSettings({ ...settings, apiKey: e.currentTarget.value })} />
          </label>
          <label>
            <span>Your name (for corrections)</span>
            <input name="settingsAuthor" value={settings.author} onInput={(e) => saveSettings({ ...settings, author: e.currentTarget.value })} />
          </label>
          <p class="muted">{info?.writes ? 'Writes (adding news, corrections) send this key.' : 'This server was started without --api-key: it only reads.'}</p>
        </details>
      </header>
      {FILTERED.includes(route.view) && <FilterBar filters={filters} onChange={setFilters} />}
      <main>{body}</main>
    </>
  );
}
