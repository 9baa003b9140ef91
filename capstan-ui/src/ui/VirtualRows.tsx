import { type ReactNode, useLayoutEffect, useRef, useState } from 'react';

/**
 * A scrolling box that renders only the rows in view (and a few around), so a list of thousands
 * stays quick. Rows have a fixed height. `header` stays on top; `onWidth` reports the box's
 * width, for callers that lay rows out by it (tiles per row).
 */
export function VirtualRows({
  count,
  rowHeight,
  renderRow,
  header,
  onWidth,
  label,
  testId,
  role,
}: {
  count: number;
  rowHeight: number;
  renderRow: (index: number) => ReactNode;
  header?: ReactNode;
  onWidth?: (width: number) => void;
  label?: string;
  testId?: string;
  role?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(800);
  const overscan = 4;

  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => {
      setHeight(element.clientHeight);
      onWidth?.(element.clientWidth);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [onWidth]);

  // A shorter list than the scroll position (after filtering) scrolls back into range.
  const maxTop = Math.max(0, count * rowHeight - height);
  const top = Math.min(scrollTop, maxTop);
  const first = Math.max(0, Math.floor(top / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((top + height) / rowHeight) + overscan);
  const rows: ReactNode[] = [];
  for (let i = first; i < last; i++) {
    rows.push(
      <div key={i} style={{ position: 'absolute', top: i * rowHeight, left: 0, right: 0, height: rowHeight }}>
        {renderRow(i)}
      </div>,
    );
  }
  return (
    <div
      ref={ref}
      className="virtual"
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      aria-label={label}
      data-testid={testId}
      role={role}
      aria-rowcount={role ? count + 1 : undefined}
    >
      {header}
      <div style={{ position: 'relative', height: count * rowHeight }} role={role ? 'rowgroup' : undefined}>
        {rows}
      </div>
    </div>
  );
}
