import { ChangeDetectionStrategy, Component } from '@angular/core';
import { AuditLogTable } from '../../shared/audit-log-table';

/** `/admin/audit-log`: every admin action, newest first. */
@Component({
  selector: 'app-audit-log-page',
  imports: [AuditLogTable],
  template: `
    <div class="page">
      <h1>Audit log</h1>
      <app-audit-log-table />
    </div>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditLogPage {}
