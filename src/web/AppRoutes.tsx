import type { ReactNode } from 'react';
import { Result } from 'antd';
import { Navigate, Route, Routes } from 'react-router-dom';
import { AppLayout } from './layout/AppLayout.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { TodoPage } from './pages/todo/TodoPage.tsx';
import { WorkItemPage } from './pages/workitems/WorkItemPage.tsx';
import { NotFoundPage, UnderConstruction } from './pages/UnderConstruction.tsx';
import { UnitsPage } from './pages/admin/units/UnitsPage.tsx';
import { LeadersPage } from './pages/admin/leaders/LeadersPage.tsx';
import { UsersPage } from './pages/admin/users/UsersPage.tsx';
import { CalendarPage } from './pages/admin/calendar/CalendarPage.tsx';
import { RulesPage } from './pages/admin/rules/RulesPage.tsx';
import { ADMIN_PAGES, MODULES, adminPagesFor, type NavEntry } from './navigation.tsx';
import { AuditPage } from './pages/admin/audit/AuditPage.tsx';
import { OutboxPage } from './pages/admin/outbox/OutboxPage.tsx';
import { Open311KeysPage } from './pages/admin/open311/Open311KeysPage.tsx';
import { WarningSettingsPage } from './pages/admin/settings/WarningSettingsPage.tsx';
import { MeetingTypesPage } from './pages/admin/meeting-types/MeetingTypesPage.tsx';
import { DocumentTemplatesPage } from './pages/petitions/documents/DocumentTemplatesPage.tsx';
import { NotificationsPage } from './pages/notifications/NotificationsPage.tsx';
import { useAuth } from './hooks/auth.tsx';
import { PetitionListPage } from './pages/petitions/PetitionListPage.tsx';
import { PetitionRegisterPage } from './pages/petitions/PetitionRegisterPage.tsx';
import { ReceiptPage } from './pages/petitions/ReceiptPage.tsx';
import { PetitionCasePage } from './pages/petitions/PetitionCasePage.tsx';
import { StatsPage } from './pages/stats/StatsPage.tsx';
import { HazardListPage } from './pages/safety/HazardListPage.tsx';
import { HazardDetailPage } from './pages/safety/HazardDetailPage.tsx';
import { HazardReportListPage } from './pages/safety/reports/HazardReportListPage.tsx';
import { HazardReportPage } from './pages/safety/reports/HazardReportPage.tsx';
import { EnterpriseListPage } from './pages/safety/EnterpriseListPage.tsx';
import { EnterpriseDetailPage } from './pages/safety/EnterpriseDetailPage.tsx';
import { EnterpriseImportPage } from './pages/safety/EnterpriseImportPage.tsx';
import { PetitionImportPage } from './pages/petitions/import/PetitionImportPage.tsx';
import { SupervisionPage } from './pages/supervision/SupervisionPage.tsx';
import { LeaderWorkPage } from './pages/leaders/LeaderWorkPage.tsx';
import { WorkbenchPage } from './pages/workbench/WorkbenchPage.tsx';
import { AccidentListPage } from './pages/safety/accidents/AccidentListPage.tsx';
import { AccidentReportPage } from './pages/safety/accidents/AccidentReportPage.tsx';
import { AccidentPage } from './pages/safety/accidents/AccidentPage.tsx';
import { AccidentStatsPage } from './pages/safety/accidents/AccidentStatsPage.tsx';
import { DutyPage } from './pages/safety/duty/DutyPage.tsx';
import { PlansPage } from './pages/safety/plans/PlansPage.tsx';
import { DisputeListPage } from './pages/disputes/DisputeListPage.tsx';
import { DisputeRegisterPage } from './pages/disputes/DisputeRegisterPage.tsx';
import { DisputeDetailPage } from './pages/disputes/DisputeDetailPage.tsx';
import { CampaignListPage } from './pages/disputes/CampaignListPage.tsx';
import { CampaignPage } from './pages/disputes/CampaignPage.tsx';
import { InspectionListPage } from './pages/safety/inspections/InspectionListPage.tsx';
import { PlanFormPage } from './pages/safety/inspections/PlanFormPage.tsx';
import { DrawFormPage } from './pages/safety/inspections/DrawFormPage.tsx';
import { PlanDetailPage } from './pages/safety/inspections/PlanDetailPage.tsx';
import { RecordPage } from './pages/safety/inspections/RecordPage.tsx';
import { RecordEntryPage } from './pages/safety/inspections/RecordEntryPage.tsx';
import { ChecklistsPage } from './pages/safety/inspections/ChecklistsPage.tsx';
import { FieldPage } from './pages/safety/field/FieldPage.tsx';
import { RiskListPage } from './pages/risk/RiskListPage.tsx';
import { RiskAssessmentPage } from './pages/risk/RiskAssessmentPage.tsx';
import { RiskSettingsPage } from './pages/risk/RiskSettingsPage.tsx';
import { DisputeTypesPage } from './pages/disputes/DisputeTypesPage.tsx';
import { DashboardPage } from './pages/dashboard/DashboardPage.tsx';
import { DashboardItemsPage } from './pages/dashboard/DashboardItemsPage.tsx';
import { AssessmentPage } from './pages/assessment/AssessmentPage.tsx';
import { CampaignListPage as SvCampaignListPage } from './pages/supervision/campaigns/CampaignListPage.tsx';
import { CampaignPlanPage as SvCampaignPlanPage } from './pages/supervision/campaigns/CampaignPlanPage.tsx';
import { CampaignPage as SvCampaignPage } from './pages/supervision/campaigns/CampaignPage.tsx';
import { MeetingListPage } from './pages/supervision/meetings/MeetingListPage.tsx';
import { MeetingFormPage } from './pages/supervision/meetings/MeetingFormPage.tsx';
import { MeetingDecisionRedirect, MeetingPage } from './pages/supervision/meetings/MeetingPage.tsx';
import { ReportListPage } from './pages/supervision-reports/ReportListPage.tsx';
import { ReportFormPage } from './pages/supervision-reports/ReportFormPage.tsx';
import { ReportBoardPage } from './pages/supervision-reports/ReportBoardPage.tsx';
import { MyReportsPage } from './pages/supervision-reports/MyReportsPage.tsx';
import { ReportRollupPage } from './pages/supervision-reports/ReportRollupPage.tsx';
import { DispatchListPage } from './pages/supervision/notices/DispatchListPage.tsx';
import { DispatchIssuePage } from './pages/supervision/notices/DispatchIssuePage.tsx';
import { DispatchPage } from './pages/supervision/notices/DispatchPage.tsx';
import { TaskListPage as SvTaskListPage } from './pages/supervision/notices/TaskListPage.tsx';
import { TaskPage as SvTaskPage } from './pages/supervision/notices/TaskPage.tsx';
import { ActionListPage as SvActionListPage } from './pages/supervision/actions/ActionListPage.tsx';
import { ActionFormPage as SvActionFormPage } from './pages/supervision/actions/ActionFormPage.tsx';
import { ActionPage as SvActionPage } from './pages/supervision/actions/ActionPage.tsx';

/** The first screen: a leader or an administrator lands on the 工作台; clerks and receiving units on 我的待办 under its figures. */
function HomePage() {
  const { user } = useAuth();
  const roles = user?.roles ?? [];
  if (roles.includes('county_leader') || roles.includes('sys_admin') || roles.includes('auditor')) return <WorkbenchPage />;
  return (
    <>
      <WorkbenchPage compact />
      <TodoPage />
    </>
  );
}

/** Admin screens answer 403 on the server anyway; this keeps others from a page of errors. */
function AdminOnly({ entry, children }: { entry: NavEntry; children: ReactNode }) {
  const { user } = useAuth();
  if (!adminPagesFor(user?.roles).includes(entry)) {
    const auditorToo = entry.roles?.includes('auditor');
    const officeToo = entry.roles?.includes('dcb_staff');
    return (
      <Result
        status="403"
        title="无权访问"
        subTitle={auditorToo ? '此页面仅对系统管理员和审计员开放。' : officeToo ? '此页面仅对系统管理员和督查办开放。' : '系统管理仅对系统管理员开放。'}
      />
    );
  }
  return <>{children}</>;
}

const ADMIN_SCREENS: Record<string, ReactNode> = {
  '/admin/units': <UnitsPage />,
  '/admin/leaders': <LeadersPage />,
  '/admin/users': <UsersPage />,
  '/admin/calendar': <CalendarPage />,
  '/admin/rules': <RulesPage />,
  '/admin/settings': <WarningSettingsPage />,
  '/admin/meeting-types': <MeetingTypesPage />,
  '/admin/audit': <AuditPage />,
  '/admin/outbox': <OutboxPage />,
  '/admin/open311': <Open311KeysPage />,
  '/admin/document-templates': <DocumentTemplatesPage />,
};

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route element={<AppLayout />}>
        <Route index element={<HomePage />} />
        <Route path="/workbench" element={<WorkbenchPage />} />
        <Route path="/todo" element={<TodoPage />} />
        <Route path="/notifications" element={<NotificationsPage />} />
        <Route path="/work-items/:id" element={<WorkItemPage />} />
        <Route path="/xf" element={<PetitionListPage />} />
        <Route path="/xf/new" element={<PetitionRegisterPage />} />
        <Route path="/xf/import" element={<PetitionImportPage />} />
        <Route path="/stats" element={<StatsPage />} />
        <Route path="/xf/:id" element={<PetitionCasePage />} />
        <Route path="/xf/:id/receipt" element={<ReceiptPage />} />
        <Route path="/safety" element={<Navigate to="/safety/hazards" replace />} />
        <Route path="/safety/hazards" element={<HazardListPage />} />
        <Route path="/safety/hazards/:id" element={<HazardDetailPage />} />
        <Route path="/safety/hazard-reports" element={<HazardReportListPage />} />
        <Route path="/safety/hazard-reports/:id" element={<HazardReportPage />} />
        <Route path="/safety/enterprises" element={<EnterpriseListPage />} />
        <Route path="/safety/enterprises/import" element={<EnterpriseImportPage />} />
        <Route path="/safety/enterprises/:id" element={<EnterpriseDetailPage />} />
        <Route path="/supervision/:tab?" element={<SupervisionPage />} />
        <Route path="/leaders/:tab?" element={<LeaderWorkPage />} />
        <Route path="/safety/accidents" element={<AccidentListPage />} />
        <Route path="/safety/accidents/new" element={<AccidentReportPage />} />
        <Route path="/safety/accidents/stats" element={<AccidentStatsPage />} />
        <Route path="/safety/accidents/:id" element={<AccidentPage />} />
        <Route path="/safety/duty/:tab?" element={<DutyPage />} />
        <Route path="/safety/plans/:tab?" element={<PlansPage />} />
        <Route path="/disputes" element={<DisputeListPage />} />
        <Route path="/disputes/new" element={<DisputeRegisterPage />} />
        <Route path="/disputes/campaigns" element={<CampaignListPage />} />
        <Route path="/disputes/types" element={<DisputeTypesPage />} />
        <Route path="/disputes/campaigns/:id" element={<CampaignPage />} />
        <Route path="/disputes/:id" element={<DisputeDetailPage />} />
        <Route path="/safety/inspections" element={<InspectionListPage />} />
        <Route path="/safety/inspections/new" element={<PlanFormPage />} />
        <Route path="/safety/inspections/draw" element={<DrawFormPage />} />
        <Route path="/safety/inspections/:id" element={<PlanDetailPage />} />
        <Route path="/safety/inspections/:planId/targets/:targetId/record" element={<RecordEntryPage />} />
        <Route path="/safety/inspection-records/:id" element={<RecordPage />} />
        <Route path="/safety/checklists/:tab?" element={<ChecklistsPage />} />
        <Route path="/safety/field/:targetId?" element={<FieldPage />} />
        <Route path="/field" element={<Navigate to="/safety/field" replace />} />
        <Route path="/risk" element={<Navigate to="/risk/assessments" replace />} />
        <Route path="/risk/assessments" element={<RiskListPage />} />
        <Route path="/risk/assessments/:id" element={<RiskAssessmentPage />} />
        <Route path="/risk/settings" element={<RiskSettingsPage />} />
        <Route path="/dashboard" element={<DashboardPage />} />
        <Route path="/dashboard/items" element={<DashboardItemsPage />} />
        <Route path="/assessment" element={<AssessmentPage />} />
        <Route path="/supervision/campaigns" element={<SvCampaignListPage />} />
        <Route path="/supervision/campaigns/new" element={<SvCampaignPlanPage />} />
        <Route path="/supervision/campaigns/:id" element={<SvCampaignPage />} />
        <Route path="/supervision/reports" element={<ReportListPage />} />
        <Route path="/supervision/reports/new" element={<ReportFormPage />} />
        <Route path="/supervision/reports/mine" element={<MyReportsPage />} />
        <Route path="/supervision/reports/:id" element={<ReportBoardPage />} />
        <Route path="/supervision/reports/:id/edit" element={<ReportFormPage />} />
        <Route path="/supervision/reports/:id/rollup" element={<ReportRollupPage />} />
        <Route path="/supervision/dispatches" element={<DispatchListPage />} />
        <Route path="/supervision/dispatches/new" element={<DispatchIssuePage />} />
        <Route path="/supervision/dispatches/:id" element={<DispatchPage />} />
        <Route path="/supervision/actions" element={<SvActionListPage />} />
        <Route path="/supervision/actions/new" element={<SvActionFormPage />} />
        <Route path="/supervision/actions/:id" element={<SvActionPage />} />
        <Route path="/supervision/tasks" element={<SvTaskListPage />} />
        <Route path="/supervision/tasks/:id" element={<SvTaskPage />} />
        <Route path="/supervision/meetings" element={<MeetingListPage />} />
        <Route path="/supervision/meetings/new" element={<MeetingFormPage />} />
        <Route path="/supervision/meetings/decisions/:decisionId" element={<MeetingDecisionRedirect />} />
        <Route path="/supervision/meetings/:id" element={<MeetingPage />} />
        {MODULES.filter((m) => m.plan).map((m) => (
          <Route key={m.path} path={`${m.path}/*`} element={<UnderConstruction entry={m} />} />
        ))}
        {ADMIN_PAGES.map((p) => (
          <Route key={p.path} path={p.path} element={<AdminOnly entry={p}>{ADMIN_SCREENS[p.path] ?? <UnderConstruction entry={p} />}</AdminOnly>} />
        ))}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
