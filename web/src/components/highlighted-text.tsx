/**
 * Text with highlighted spans, rendered only as text nodes inside <mark> elements: article text is never
 * parsed as HTML, whatever it contains. Segmenting is shared with the server's tests (src/ui/segments.ts).
 */
import type { JSX } from 'preact';
import { segmentText, type Highlight } from '../../../src/ui/segments';

interface Props {
  text: string;
  spans: ReadonlyArray<Highlight>;
  /** Where `text` starts in the offsets the spans use. */
  offset?: number;
  /** The annotation to emphasise (its id). */
  selected?: string | null;
  onSelect?: (id: string) => void;
}

export function HighlightedText({ text, spans, offset = 0, selected, onSelect }: Props): JSX.Element {
  return (
    <>
      {segmentText(text, spans, offset).map((s) => {
        if (s.covering.length === 0) return s.text;
        const layers = [...new Set(s.covering.map((c) => c.layer))];
        const isSelected = selected != null && s.covering.some((c) => c.id === selected);
        return (
          <mark
            key={s.start}
            class={`hl ${layers.map((l) => `hl-${l}`).join(' ')}${isSelected ? ' hl-selected' : ''}`}
            data-layers={layers.join(' ')}
            data-ids={s.covering.map((c) => c.id).join(' ')}
            title={s.covering.map((c) => c.label ?? c.layer).join('\n')}
            onClick={onSelect ? () => onSelect(s.covering[0].id) : undefined}
          >
            {s.text}
          </mark>
        );
      })}
    </>
  );
}
