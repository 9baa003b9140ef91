import type { ReactNode } from 'react';

/**
 * Icons and labels of health, sync and operation statuses. Each badge carries its status in
 * `data-status` so that a browser test reads it without parsing text.
 */
const size = 14;

function HealthIcon({ status }: { status: string }) {
  switch (status) {
    case 'Healthy':
      return (
        <svg width={size} height={size} viewBox="0 0 16 16" aria-hidden="true">
          <path fill="currentColor" d="M8 14.3 6.9 13.3C3 9.8.5 7.5.5 4.7.5 2.4 2.3.6 4.6.6c1.3 0 2.5.6 3.4 1.6C8.9 1.2 10.1.6 11.4.6c2.3 0 4.1 1.8 4.1 4.1 0 2.8-2.5 5.1-6.4 8.6L8 14.3Z" />
        </svg>
      );
    case 'Progressing':
      return (
        <svg width={size} height={size} viewBox="0 0 16 16" aria-hidden="true" className="spin">
          <circle cx="8" cy="8" r="6" fill="none" stroke="currentColor" strokeWidth="2" strokeDasharray="26 12" />
        </svg>
      );
    case 'Degraded':
      return (
        <svg width={size} height={size} viewBox="0 0 16 16" aria-hidden="true">
          <circle cx="8" cy="8" r="7.5" fill="currentColor" />
          <path d="M5.2 5.2l5.6 5.6M10.8 5.2l-5.6 5.6" stroke="#fff" strokeWidth="1.8" />
        </svg>
      );
    case 'Suspended':
      return (
        <svg width={size} height={size} viewBox="0 0 16 16" aria-hidden="true">
          <circle cx="8" cy="8" r="7.5" fill="currentColor" />
          <path d="M6 4.5v7M10 4.5v7" stroke="#fff" strokeWidth="1.8" />
        </svg>
      );
    case 'Missing':
      return (
        <svg width={size} height={size} viewBox="0 0 16 16" aria-hidden="true">
          <path fill="currentColor" d="M8 .8 15.5 14.5H.5L8 .8Z" />
          <path d="M8 5.5v4.2M8 11.2v1.2" stroke="#fff" strokeWidth="1.6" />
        </svg>
      );
    default:
      return <UnknownIcon />;
  }
}

function SyncIcon({ status }: { status: string }) {
  switch (status) {
    case 'Synced':
      return (
        <svg width={size} height={size} viewBox="0 0 16 16" aria-hidden="true">
          <circle cx="8" cy="8" r="7.5" fill="currentColor" />
          <path d="M4.4 8.3l2.4 2.4 4.8-5" stroke="#fff" strokeWidth="1.8" fill="none" />
        </svg>
      );
    case 'OutOfSync':
      return (
        <svg width={size} height={size} viewBox="0 0 16 16" aria-hidden="true">
          <circle cx="8" cy="8" r="7.5" fill="currentColor" />
          <path d="M8 12V4.6M4.8 7.6 8 4.4l3.2 3.2" stroke="#fff" strokeWidth="1.8" fill="none" />
        </svg>
      );
    default:
      return <UnknownIcon />;
  }
}

function UnknownIcon() {
  return (
    <svg width={size} height={size} viewBox="0 0 16 16" aria-hidden="true">
      <circle cx="8" cy="8" r="7.5" fill="currentColor" />
      <path d="M6 6.2a2 2 0 1 1 2.8 1.8c-.5.3-.8.7-.8 1.3v.5M8 11.4v1.2" stroke="#fff" strokeWidth="1.6" fill="none" />
    </svg>
  );
}

interface BadgeProps {
  status?: string;
  /** Icon only, with the status as its accessible name and tooltip. */
  iconOnly?: boolean;
  testId?: string;
  title?: string;
}

function Badge({ status, iconOnly, testId, title, icon }: BadgeProps & { icon: ReactNode }) {
  const value = status || 'Unknown';
  return (
    <span
      className={`status status-${value}`}
      data-testid={testId}
      data-status={value}
      title={title ?? value}
      role={iconOnly ? 'img' : undefined}
      aria-label={iconOnly ? (title ?? value) : undefined}
    >
      {icon}
      {!iconOnly && <span>{value}</span>}
    </span>
  );
}

export function HealthBadge(props: BadgeProps) {
  return <Badge testId="health-status" {...props} title={props.title ?? `Health: ${props.status || 'Unknown'}`} icon={<HealthIcon status={props.status || 'Unknown'} />} />;
}

export function SyncBadge(props: BadgeProps) {
  return <Badge testId="sync-status" {...props} title={props.title ?? `Sync: ${props.status || 'Unknown'}`} icon={<SyncIcon status={props.status || 'Unknown'} />} />;
}

const OPERATION_ICON: Record<string, string> = { Running: 'Progressing', Terminating: 'Progressing', Succeeded: 'Healthy', Failed: 'Degraded', Error: 'Degraded' };

export function OperationBadge(props: BadgeProps) {
  const status = props.status || 'Unknown';
  return <Badge testId="operation-phase" {...props} icon={<HealthIcon status={OPERATION_ICON[status] ?? 'Unknown'} />} />;
}
