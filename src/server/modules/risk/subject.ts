import type { SubjectKind } from './fields.ts';

/** Names compared without spaces and brackets: 「县城投公司」 and 「县城投 公司」 are the same party. */
const norm = (s: string | null | undefined) => (s ?? '').replace(/[\s()（）【】[\]“”"'·、，,。.]/g, '').toLowerCase();

/**
 * The subject rule (评估主体): a 稳评 is run by the responsible department or an independent third party it
 * commissions — never by the project's builder or owner (项目建设单位/业主), whose own assessment is not objective.
 * Returns why a subject is not acceptable, or null.
 */
export function subjectProblem(input: {
  subjectKind: SubjectKind;
  subjectName: string;
  builderName: string | null | undefined;
  responsibleUnitName: string;
}): string | null {
  const subject = norm(input.subjectKind === 'department' ? input.responsibleUnitName : input.subjectName);
  const builder = norm(input.builderName);
  if (!subject) return '未写明评估主体';
  if (!builder) return null;
  if (subject === builder || subject.includes(builder) || builder.includes(subject)) {
    return input.subjectKind === 'department'
      ? `责任单位“${input.responsibleUnitName}”就是本项目的建设（业主）单位，须委托独立第三方机构评估`
      : `“${input.subjectName}”是本项目的建设（业主）单位“${input.builderName}”`;
  }
  return null;
}
