import { useMemo, useRef, useState } from 'react';
import { Alert, Button, Card, Checkbox, Input, Radio, Select, Space, Tag, Typography } from 'antd';
import { CameraOutlined, DeleteOutlined, EnvironmentOutlined } from '@ant-design/icons';
import { SignaturePad } from './SignaturePad.tsx';
import { FIELD_PHOTO_LIMIT, photoForOutbox } from './photo.ts';
import { usePlace } from './geo.ts';
import { newRecordKey } from './sync.ts';
import { beijingDay, beijingTime, missingParts, type Answer, type Outcome } from './checks.ts';
import type { FieldTarget, OutboxEntry, RecordBody } from './types.ts';

const OUTCOMES: { value: Outcome; label: string }[] = [
  { value: 'pass', label: '合格' },
  { value: 'fail', label: '不合格' },
  { value: 'na', label: '不涉及' },
];
const blank = (): Answer => ({ finding: '', grade: 'general', location: '', dueOn: '' });

/**
 * One target's inspection on the phone: each checklist item 合格/不合格/不涉及 with its 判定依据, a failed item's
 * hazard (what, category, grade, where, 整改期限), photos made smaller first, position and time, remarks and the two
 * signatures. 提交 keeps it on the phone with its Idempotency-Key; sending is the outbox's business.
 */
export function RecordForm({
  target,
  userId,
  hazardCategories,
  editing,
  onSaved,
  onCancel,
}: {
  target: FieldTarget;
  userId: number;
  hazardCategories: string[];
  /** a refused record reopened to fix: its answers, photos and signatures come back, its key stays */
  editing?: OutboxEntry;
  onSaved: (entry: OutboxEntry) => Promise<void>;
  onCancel: () => void;
}) {
  const checklist = target.checklist!;
  const before = editing?.body;
  const [inspectedAt] = useState(() => before?.inspectedAt ?? new Date().toISOString());
  const inspectedOn = beijingDay(new Date(inspectedAt));
  const [answers, setAnswers] = useState<Record<number, Answer>>(() =>
    Object.fromEntries(
      (before?.results ?? []).map((r) => [
        r.itemId,
        {
          outcome: r.outcome,
          finding: r.finding ?? '',
          category: r.category || undefined,
          grade: r.grade ?? 'general',
          location: r.location ?? '',
          dueOn: r.dueOn ?? '',
        },
      ]),
    ),
  );
  const [photos, setPhotos] = useState<string[]>(before?.photos ?? []);
  const [photoError, setPhotoError] = useState<string | null>(null);
  const [remarks, setRemarks] = useState(before?.remarks ?? '');
  const [partyName, setPartyName] = useState(before?.partyName ?? '');
  const [partyRefused, setPartyRefused] = useState(!!before?.partyRefusedReason);
  const [partyRefusedReason, setPartyRefusedReason] = useState(before?.partyRefusedReason ?? '');
  const [inspectorSignature, setInspectorSignature] = useState<string | null>(before?.inspectorSignature ?? null);
  const [partySignature, setPartySignature] = useState<string | null>(before?.partySignature ?? null);
  const [problems, setProblems] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const { place, locate } = usePlace();
  const fileInput = useRef<HTMLInputElement>(null);
  const categories = useMemo(() => hazardCategories.map((c) => ({ value: c, label: c })), [hazardCategories]);

  const setAnswer = (id: number, patch: Partial<Answer>) => setAnswers((a) => ({ ...a, [id]: { ...(a[id] ?? blank()), ...patch } }));
  const failed = checklist.items.filter((i) => answers[i.id]?.outcome === 'fail').length;

  const addPhotos = async (files: FileList | null) => {
    setPhotoError(null);
    const list = Array.from(files ?? []).slice(0, FIELD_PHOTO_LIMIT - photos.length);
    for (const f of list) {
      try {
        const url = await photoForOutbox(f);
        setPhotos((p) => [...p, url]);
      } catch (err) {
        setPhotoError(err instanceof Error ? err.message : String(err));
      }
    }
    if (fileInput.current) fileInput.current.value = '';
  };

  const submit = async () => {
    const missing = missingParts(checklist.items, answers, { inspectedOn, inspectorSignature, partySignature, partyRefused, partyRefusedReason });
    setProblems(missing);
    if (missing.length) {
      window.scrollTo({ top: 0, behavior: 'smooth' });
      return;
    }
    const body: RecordBody = {
      checklistId: checklist.id,
      checklistVersion: checklist.version,
      inspectedAt,
      ...(place.state === 'found' ? { latitude: place.latitude, longitude: place.longitude } : {}),
      remarks: remarks.trim() || undefined,
      partyName: partyName.trim() || undefined,
      partyRefusedReason: partyRefused ? partyRefusedReason.trim() : undefined,
      results: checklist.items.map((i) => {
        const a = answers[i.id]!;
        return a.outcome === 'fail'
          ? {
              itemId: i.id,
              outcome: 'fail',
              finding: a.finding.trim(),
              category: a.category,
              grade: a.grade,
              location: a.location.trim() || undefined,
              dueOn: a.dueOn,
            }
          : { itemId: i.id, outcome: a.outcome! };
      }),
      photos,
      inspectorSignature: inspectorSignature!,
      partySignature: partyRefused ? undefined : partySignature!,
    };
    setSaving(true);
    try {
      await onSaved({
        key: editing?.key ?? newRecordKey(),
        userId,
        targetId: target.id,
        enterpriseName: target.enterpriseName,
        planTitle: target.planTitle,
        savedAt: editing?.savedAt ?? new Date().toISOString(),
        body,
        state: 'waiting',
        attempts: editing?.attempts ?? 0,
        lastTriedAt: editing?.lastTriedAt ?? null,
        problem: null,
      });
    } catch (err) {
      setProblems([`未能保存到本机：${err instanceof Error ? err.message : String(err)}`]);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="field-form">
      <Card size="small" className="field-card">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {target.enterpriseName}
        </Typography.Title>
        <div className="field-muted">{[target.townshipName, target.address].filter(Boolean).join(' · ')}</div>
        <div className="field-muted">
          {target.planKindName} · {target.planTitle}
        </div>
        <div className="field-muted">检查表：{checklist.name}</div>
        <div style={{ marginTop: 6 }}>检查时间：{beijingTime(inspectedAt, true)}</div>
        <div className="field-place">
          <EnvironmentOutlined /> {place.state === 'locating' && '正在定位…'}
          {place.state === 'found' && `位置：北纬 ${place.latitude}，东经 ${place.longitude}（误差约 ${place.accuracy} 米）`}
          {place.state === 'none' && <span className="field-warn">{place.note}</span>}
          {place.state !== 'locating' && (
            <Button size="small" type="link" onClick={locate}>
              重新定位
            </Button>
          )}
        </div>
      </Card>

      {problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          className="field-card"
          title="还不能提交"
          description={
            <ul className="field-problems">
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          }
        />
      )}

      {checklist.items.map((item, n) => {
        const a = answers[item.id];
        return (
          <Card size="small" key={item.id} className={`field-card field-item${a?.outcome === 'fail' ? ' field-item-fail' : ''}`} data-testid={`item-${n + 1}`}>
            <div className="field-item-title">
              {n + 1}. {item.content}
            </div>
            <div className="field-basis">
              判定依据：{item.basis}
              {!item.basisVerified && <Tag style={{ marginLeft: 6 }}>待核实</Tag>}
            </div>
            <Radio.Group
              className="field-outcome"
              optionType="button"
              buttonStyle="solid"
              size="large"
              value={a?.outcome}
              options={OUTCOMES}
              onChange={(e) => setAnswer(item.id, { outcome: e.target.value as Outcome })}
            />
            {a?.outcome === 'fail' && (
              <div className="field-hazard">
                <label>
                  发现的问题（隐患描述）
                  <Input.TextArea
                    rows={3}
                    maxLength={2000}
                    value={a.finding}
                    placeholder="在哪里、是什么问题、有多严重，例如“后厨通往后门的安全出口被纸箱堵塞”"
                    onChange={(e) => setAnswer(item.id, { finding: e.target.value })}
                  />
                </label>
                <label>
                  隐患类别
                  {categories.length ? (
                    <Select
                      size="large"
                      showSearch
                      placeholder="选择隐患类别"
                      value={a.category}
                      options={categories}
                      onChange={(v: string) => setAnswer(item.id, { category: v })}
                    />
                  ) : (
                    <Input size="large" maxLength={40} value={a.category ?? ''} onChange={(e) => setAnswer(item.id, { category: e.target.value })} />
                  )}
                </label>
                <div>
                  隐患级别
                  <Radio.Group
                    className="field-outcome"
                    optionType="button"
                    size="large"
                    value={a.grade}
                    options={[
                      { value: 'general', label: '一般隐患' },
                      { value: 'major', label: '重大隐患' },
                    ]}
                    onChange={(e) => setAnswer(item.id, { grade: e.target.value as Answer['grade'] })}
                  />
                </div>
                <label>
                  隐患部位（选填）
                  <Input
                    size="large"
                    maxLength={200}
                    value={a.location}
                    placeholder="如：后厨、二楼配电间"
                    onChange={(e) => setAnswer(item.id, { location: e.target.value })}
                  />
                </label>
                <label>
                  整改期限
                  <Input size="large" type="date" min={inspectedOn} value={a.dueOn} onChange={(e) => setAnswer(item.id, { dueOn: e.target.value })} />
                </label>
              </div>
            )}
          </Card>
        );
      })}

      <Card size="small" className="field-card" title={`现场照片（${photos.length}/${FIELD_PHOTO_LIMIT}）`}>
        {failed > 0 && <div className="field-muted">照片将作为隐患的整改前照片。</div>}
        <div className="field-photos">
          {photos.map((p, i) => (
            <div key={i} className="field-photo">
              <img src={p} alt={`现场照片${i + 1}`} />
              <Button
                size="small"
                danger
                icon={<DeleteOutlined />}
                aria-label={`删除第 ${i + 1} 张照片`}
                onClick={() => setPhotos((ps) => ps.filter((_, j) => j !== i))}
              />
            </div>
          ))}
        </div>
        <input
          ref={fileInput}
          type="file"
          accept="image/*"
          capture="environment"
          multiple
          hidden
          data-testid="photo-input"
          onChange={(e) => void addPhotos(e.target.files)}
        />
        <Button size="large" block icon={<CameraOutlined />} disabled={photos.length >= FIELD_PHOTO_LIMIT} onClick={() => fileInput.current?.click()}>
          拍照或选择照片
        </Button>
        {photoError && <Alert type="warning" showIcon title={photoError} style={{ marginTop: 8 }} />}
      </Card>

      <Card size="small" className="field-card" title="检查情况说明（选填）">
        <Input.TextArea rows={3} maxLength={2000} value={remarks} onChange={(e) => setRemarks(e.target.value)} placeholder="现场检查的其他情况" />
      </Card>

      <Card size="small" className="field-card" title="签字（谁检查谁签字）">
        <SignaturePad label="检查人员" value={inspectorSignature} onChange={setInspectorSignature} testId="sign-inspector" />
        <label className="field-block">
          被检查单位签字人
          <Input size="large" maxLength={30} value={partyName} placeholder="姓名及职务，如：李明（店长）" onChange={(e) => setPartyName(e.target.value)} />
        </label>
        {!partyRefused && <SignaturePad label="被检查单位负责人" value={partySignature} onChange={setPartySignature} testId="sign-party" />}
        <Checkbox checked={partyRefused} onChange={(e) => setPartyRefused(e.target.checked)} className="field-check">
          被检查单位拒绝签字
        </Checkbox>
        {partyRefused && (
          <Input.TextArea
            rows={2}
            maxLength={200}
            value={partyRefusedReason}
            placeholder="写明拒绝签字的情况，如：负责人拒绝签字，有 2 名检查人员在场见证"
            onChange={(e) => setPartyRefusedReason(e.target.value)}
          />
        )}
      </Card>

      <Space orientation="vertical" style={{ width: '100%' }} size={8} className="field-actions">
        <Button type="primary" size="large" block loading={saving} onClick={() => void submit()}>
          提交{failed > 0 ? `（${failed} 项不合格，将登记为隐患）` : ''}
        </Button>
        <div className="field-muted" style={{ textAlign: 'center' }}>
          提交后先保存在本手机，有网络时自动发送，不会重复。
        </div>
        <Button size="large" block onClick={onCancel}>
          返回检查任务
        </Button>
      </Space>
    </div>
  );
}
