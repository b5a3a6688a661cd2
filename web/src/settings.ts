/** The API key and the analyst's name, kept in this browser (localStorage) between visits. */
import { useState } from 'preact/hooks';

export interface Settings {
  apiKey: string;
  author: string;
}

const KEY = 'herodotus.settings';

function load(): Settings {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<Settings>;
    return { apiKey: typeof saved.apiKey === 'string' ? saved.apiKey : '', author: typeof saved.author === 'string' ? saved.author : '' };
  } catch {
    return { apiKey: '', author: '' };
  }
}

export function useSettings(): [Settings, (next: Settings) => void] {
  const [settings, setSettings] = useState(load);
  return [
    settings,
    (next) => {
      setSettings(next);
      try {
        localStorage.setItem(KEY, JSON.stringify(next));
      } catch {
        // storage refused (private mode): the settings last for this page
      }
    },
  ];
}
