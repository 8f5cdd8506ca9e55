export type Outcome = 'pass' | 'fail' | 'na';
/** One checklist item's answer as the form holds it. */
export interface Answer {
  outcome?: Outcome;
  finding: string;
  category?: string;
  grade: 'general' | 'major';
  location: string;
  dueOn: string;
}

/** the calendar day in Beijing of an instant */
export const beijingDay = (d: Date) => d.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

/** '12月7日 09:05' (with `year`: '2026年12月7日 09:05') in Beijing time */
export function beijingTime(iso: string, year = false): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    })
      .formatToParts(new Date(iso))
      .map((x) => [x.type, x.value]),
  );
  return `${year ? `${p.year}年` : ''}${Number(p.month)}月${Number(p.day)}日 ${p.hour}:${p.minute}`;
}

/**
 * What is still missing before the record can be kept, in the order of the form (empty when complete): the rules the
 * server applies, checked on the phone so that a record is not refused only after the inspector has left the valley.
 */
export function missingParts(
  items: { id: number }[],
  answers: Record<number, Answer>,
  v: { inspectedOn: string; inspectorSignature: string | null; partySignature: string | null; partyRefused: boolean; partyRefusedReason: string },
): string[] {
  const out: string[] = [];
  const open = items.filter((i) => !answers[i.id]?.outcome).length;
  if (open) out.push(`还有 ${open} 个检查项目未选择结果`);
  items.forEach((item, n) => {
    const a = answers[item.id];
    if (a?.outcome !== 'fail') return;
    if (!a.finding.trim()) out.push(`第 ${n + 1} 项不合格：请写明发现的问题`);
    if (!a.category) out.push(`第 ${n + 1} 项不合格：请选择隐患类别`);
    if (!a.dueOn) out.push(`第 ${n + 1} 项不合格：请确定整改期限`);
    else if (a.dueOn < v.inspectedOn) out.push(`第 ${n + 1} 项：整改期限不能早于检查日期`);
  });
  if (!v.inspectorSignature) out.push('请检查人员签名');
  if (v.partyRefused ? !v.partyRefusedReason.trim() : !v.partySignature) out.push(v.partyRefused ? '请写明被检查单位拒绝签字的情况' : '请被检查单位负责人签名');
  return out;
}
