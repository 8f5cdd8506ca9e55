import type { Kysely } from 'kysely';
import type { DB } from '../core/db/schema.ts';
import type { SessionUser } from '../core/auth/types.ts';
import { actorOf, selectUserWithUnit, toSessionUser } from '../core/auth/session-user.ts';
import { withAuditTime } from '../core/audit/audit-time.ts';
import { shanghaiDate } from '../core/clock/clock.ts';
import { storeAttachment } from '../core/files/attachment-store.ts';
import { recordUpload } from '../core/files/uploads.ts';
import { asStaff, runAction } from '../kernel/actions/index.ts';
import { attachUploadsToItem } from '../kernel/attachments/index.ts';
import { createAssessment, RISK_ACTIONS, type CreateAssessmentInput } from '../modules/risk/index.ts';

export const DEMO_RISK_KEY = 'seed.demo.risk';

/** One scripted event: days after the matter was registered, who acts, the action and its input ('@file:名称' → an attachment of that name). */
type Step = [day: number, by: 'wwb' | 'zj', action: string, input: Record<string, unknown>];
interface DemoAssessment {
  daysAgo: number;
  by: 'wwb' | 'zj';
  input: Omit<CreateAssessmentInput, 'responsibleUnitId' | 'placeUnitId' | 'planYear' | 'counted'> & { responsible: string; place?: string; counted: boolean };
  steps: Step[];
}

const ANALYSIS = {
  legality: '项目已列入县国民经济和社会发展计划，取得立项批复和用地预审意见，符合国土空间规划和相关法律法规。',
  reasonableness: '征地补偿执行省定区片综合地价，安置方案经群众代表讨论，与周边同类项目标准一致。',
  feasibility: '建设资金已落实，施工组织方案可行，问卷调查群众支持率78%。',
  controllability: '少数农户对青苗补偿和施工噪声有意见，已制定化解措施和应急处置预案，风险可控。',
};

/** The demo county's 稳评 (fictional matters and parties), each taken through the steps on its own days. */
const ASSESSMENTS: DemoAssessment[] = [
  {
    daysAgo: 190,
    by: 'zj',
    input: {
      matterKind: 'project',
      matterName: '城区污水处理厂扩建项目',
      description: '新增日处理能力2万吨，配套管网6.8公里，征收城关街道城南社区集体土地约40亩。',
      responsible: '青岚县住房和城乡建设局',
      builderName: '青岚县城市建设投资有限公司',
      place: '城关街道',
      location: '城关街道城南社区汉江南岸',
      counted: true,
      subjectKind: 'third_party',
      subjectName: '汉中安和社会风险评估咨询有限公司',
    },
    steps: [
      [0, 'zj', 'completeStep', { summary: '经县政府常务会议研究，列入本年度重大项目稳评清单。' }],
      [3, 'zj', 'completeStep', { summary: '委托第三方机构制定评估工作方案，明确评估范围、方法和时间安排。', attachmentIds: '@file:评估工作方案.pdf' }],
      [
        34,
        'zj',
        'completeStep',
        { summary: '项目公示10日，公开征求意见30日；发放问卷320份，走访农户56户，召开群众座谈会2次。', attachmentIds: '@file:座谈会纪要.pdf' },
      ],
      [36, 'zj', 'recordAnalysis', ANALYSIS],
      [36, 'zj', 'completeStep', { summary: '从合法性、合理性、可行性、可控性四个方面分析论证。' }],
      [38, 'zj', 'setLevel', { level: 'medium', basis: '部分农户对青苗补偿标准意见较大，施工期噪声可能引发矛盾，评定为中风险。' }],
      [38, 'zj', 'completeStep', { summary: '确定为中风险。' }],
      [42, 'zj', 'completeStep', { summary: '形成社会稳定风险评估报告。', attachmentIds: '@file:社会稳定风险评估报告.pdf' }],
      [43, 'zj', 'addMeasure', { content: '逐户核对青苗补偿清单并张榜公示，设立政策咨询点', owner: '城关街道', ownerName: '冯雪', dueIn: 30 }],
      [43, 'zj', 'addMeasure', { content: '夜间22时至次日6时禁止高噪声施工，设立投诉电话', owner: '青岚县住房和城乡建设局', ownerName: '马丽', dueIn: 200 }],
      [45, 'zj', 'decide', { decision: 'implement', residualLevel: 'low', decidedBy: '县政府第十二次常务会议', note: '落实化解措施后实施。' }],
      ...['matter', 'plan', 'publicity', 'survey', 'hearing', 'opinions', 'analysis', 'report', 'measures', 'decision'].map((code): Step => [
        47,
        'zj',
        'markArchive',
        { code, note: '纸质档案存县住建局档案室' },
      ]),
      [50, 'wwb', 'file', { note: '已报县维稳办、县发改局备案。' }],
      [70, 'zj', 'completeMeasure', { measure: 0, result: '已逐户核对并张榜公示3日，群众无异议。' }],
    ],
  },
  {
    daysAgo: 120,
    by: 'wwb',
    input: {
      matterKind: 'decision',
      matterName: '城区出租汽车经营权有偿使用制度改革',
      description: '拟对城区出租汽车经营权实行期限制有偿使用，涉及出租车经营者和驾驶员约310人。',
      responsible: '青岚县交通运输局',
      counted: true,
      subjectKind: 'third_party',
      subjectName: '陕西正衡决策咨询研究院',
    },
    steps: [
      [0, 'wwb', 'completeStep', { summary: '县政府确定为重大决策事项，需开展稳评。' }],
      [5, 'wwb', 'completeStep', { summary: '制定评估工作方案。', attachmentIds: '@file:评估工作方案.pdf' }],
      [36, 'wwb', 'completeStep', { summary: '公示及公开征求意见期满，召开出租车经营者、驾驶员座谈会3次和听证会1次。', attachmentIds: '@file:听证会纪要.pdf' }],
      [
        40,
        'wwb',
        'recordAnalysis',
        {
          legality: '符合《巡游出租汽车经营服务管理规定》，经营权有偿使用须经听证。',
          reasonableness: '驾驶员对有偿使用费标准和过渡期安排意见强烈。',
          feasibility: '改革方案操作上可行，但需财政安排过渡补助资金。',
          controllability: '存在集体停运的可能，现有措施难以将风险降至低风险。',
        },
      ],
      [40, 'wwb', 'completeStep', { summary: '分析论证完成。' }],
      [41, 'wwb', 'setLevel', { level: 'high', basis: '多数驾驶员反对意见强烈，可能引发集体停运等群体性事件，评定为高风险。' }],
      [41, 'wwb', 'completeStep', { summary: '确定为高风险。' }],
      [44, 'wwb', 'completeStep', { summary: '形成评估报告，建议暂缓实施。', attachmentIds: '@file:社会稳定风险评估报告.pdf' }],
      [46, 'wwb', 'decide', { decision: 'postpone', decidedBy: '县政府第十四次常务会议', note: '暂缓实施，进一步完善过渡期方案后重新评估。' }],
      ...['matter', 'plan', 'publicity', 'survey', 'hearing', 'opinions', 'analysis', 'report', 'measures'].map((code): Step => [
        48,
        'wwb',
        'markArchive',
        { code, note: '纸质档案存县交通运输局' },
      ]),
    ],
  },
  {
    daysAgo: 80,
    by: 'wwb',
    input: {
      matterKind: 'event',
      matterName: '青岚县首届汉江茶文化旅游节',
      description: '在城关街道滨江广场举办，预计参与群众2万人次。',
      responsible: '青岚县农业农村局',
      place: '城关街道',
      counted: true,
      subjectKind: 'department',
    },
    steps: [
      [0, 'wwb', 'completeStep', { summary: '列入本年度重大活动稳评清单。' }],
      [4, 'wwb', 'completeStep', { summary: '制定评估工作方案。', attachmentIds: '@file:评估工作方案.pdf' }],
      [35, 'wwb', 'completeStep', { summary: '公示、征求意见期满，走访周边商户42户。', attachmentIds: '@file:走访记录.pdf' }],
    ],
  },
  {
    daysAgo: 12,
    by: 'wwb',
    input: {
      matterKind: 'project',
      matterName: '龙蚕镇集镇农贸市场搬迁改造项目',
      description: '原农贸市场整体搬迁至集镇东侧，涉及固定摊位经营户86户。',
      responsible: '青岚县市场监督管理局',
      builderName: '龙蚕镇集镇建设开发有限公司',
      place: '龙蚕镇',
      counted: false,
      subjectKind: 'department',
    },
    steps: [
      [0, 'wwb', 'completeStep', { summary: '确定为评估事项。' }],
      [2, 'wwb', 'completeStep', { summary: '制定评估工作方案。', attachmentIds: '@file:评估工作方案.pdf' }],
    ],
  },
];

const DAY = 86_400_000;
/** A one-page PDF standing in for a scanned document of the demo. */
const pdfOf = (title: string) =>
  Buffer.from(
    `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n% ${Buffer.from(title).toString('hex')}\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
  );

/**
 * The demo county's 稳评 through the module's own use cases and the kernel runner, each event recorded on its own day
 * (audit time and business date), so the list, the steppers, the clocks and the completion rate read like a year of
 * work: one project filed and in follow-up, one high-risk decision postponed and waiting on its archive, one event
 * past its target, one project in its public comment period.
 */
export async function seedDemoRisk(opts: { db: Kysely<DB>; now: Date; dataDir: string }): Promise<{ seeded: boolean }> {
  if (await opts.db.selectFrom('settings').select('key').where('key', '=', DEMO_RISK_KEY).executeTakeFirst()) return { seeded: false };
  // the steps' minimum periods and the filing day are legal rules: without the legal clock seeded there is nothing to run on
  const rules = await opts.db.selectFrom('legal_rules').select('key').where('key', 'in', ['wp.publicity', 'wp.comment', 'wp.filing.quarter']).execute();
  if (new Set(rules.map((r) => r.key)).size < 3) return { seeded: false };
  let at = opts.now;
  const db = withAuditTime(opts.db, () => at);
  const userOf = async (username: string): Promise<SessionUser | null> => {
    const row = await selectUserWithUnit(db).where('users.username', '=', username).executeTakeFirst();
    return row ? toSessionUser(row) : null;
  };
  const who = { wwb: await userOf('wwb01'), zj: await userOf('liaison_zj') };
  if (!who.wwb || !who.zj) return { seeded: false };
  const units = await db.selectFrom('units').select(['id', 'name']).where('disabled', '=', false).execute();
  const unitId = (name: string) => Number(units.find((u) => u.name === name)?.id ?? 0);
  // 10:00 in Shanghai on the scripted day
  const dayAt = (daysAgo: number) => new Date(Date.parse(`${shanghaiDate(new Date(opts.now.getTime() - daysAgo * DAY))}T02:00:00Z`));
  let n = 0;
  for (const a of ASSESSMENTS) {
    const { responsible, place, ...input } = a.input;
    if (!unitId(responsible) || (place && !unitId(place))) continue;
    at = dayAt(a.daysAgo);
    const user = who[a.by]!;
    const created = await createAssessment(db, {
      input: {
        ...input,
        responsibleUnitId: unitId(responsible),
        placeUnitId: place ? unitId(place) : undefined,
        planYear: Number(shanghaiDate(at).slice(0, 4)),
      },
      user,
      actor: actorOf(user, null),
      now: at,
    });
    const measures: number[] = [];
    // a minimum period ending on a rest day runs longer (the calendar rolls it): later events move by as many days
    let shift = 0;
    for (const [day, by, action, raw] of a.steps) {
      at = dayAt(a.daysAgo - day - shift);
      if (action === 'completeStep') {
        const minimum = await db
          .selectFrom('deadlines')
          .select((eb) => eb.fn.max('due_date').as('due'))
          .where('work_item_id', '=', created.id)
          .where('status', '=', 'running')
          .where('rule_key', 'like', 'wp.%')
          .executeTakeFirst();
        const due = minimum?.due ? String(minimum.due) : null;
        if (due && due > shanghaiDate(at)) {
          shift += Math.round((Date.parse(`${due}T02:00:00Z`) - at.getTime()) / DAY);
          at = dayAt(a.daysAgo - day - shift);
        }
      }
      if (at > opts.now) break;
      const actor = actorOf(who[by]!, null);
      const i: Record<string, unknown> = { ...raw };
      if (typeof i.attachmentIds === 'string') {
        const name = i.attachmentIds.slice('@file:'.length);
        const bytes = pdfOf(name);
        const stored = await storeAttachment(opts.dataDir, bytes);
        const token = await recordUpload(db, { ...stored, type: 'application/pdf', name, now: at });
        await attachUploadsToItem(db, { workItemId: created.id, tokens: [token], actor, now: at });
        const row = await db
          .selectFrom('item_attachments as ia')
          .innerJoin('uploads as u', 'u.id', 'ia.upload_id')
          .select('ia.id')
          .where('ia.work_item_id', '=', created.id)
          .where('u.name', '=', name)
          .orderBy('ia.id', 'desc')
          .executeTakeFirstOrThrow();
        i.attachmentIds = [Number(row.id)];
      }
      if (typeof i.owner === 'string') {
        i.ownerUnitId = unitId(i.owner);
        i.dueOn = shanghaiDate(new Date(at.getTime() + Number(i.dueIn) * DAY));
        delete i.owner;
        delete i.dueIn;
      }
      if (typeof i.measure === 'number') {
        i.measureId = measures[i.measure];
        delete i.measure;
      }
      await db.transaction().execute((trx) => runAction(trx, RISK_ACTIONS, { id: created.id, action, input: i, party: asStaff(who[by]!), actor, now: at }));
      if (action === 'addMeasure') {
        const m = await db.selectFrom('risk_measures').select('id').where('assessment_id', '=', created.id).orderBy('id', 'desc').executeTakeFirstOrThrow();
        measures.push(Number(m.id));
      }
    }
    n++;
  }
  at = opts.now;
  await db
    .insertInto('settings')
    .values({ key: DEMO_RISK_KEY, value: JSON.stringify({ version: 1, assessments: n }) })
    .execute();
  return { seeded: true };
}
