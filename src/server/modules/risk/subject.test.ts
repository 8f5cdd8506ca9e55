import { describe, expect, it } from 'vitest';
import { subjectProblem } from './subject.ts';

const base = { responsibleUnitName: '青岚县住房和城乡建设局', builderName: '青岚县城市建设投资有限公司' };

describe('稳评 subject rule (评估主体)', () => {
  it('accepts the responsible department and an independent third party', () => {
    expect(subjectProblem({ ...base, subjectKind: 'department', subjectName: '' })).toBeNull();
    expect(subjectProblem({ ...base, subjectKind: 'third_party', subjectName: '陕西安和社会风险评估咨询有限公司' })).toBeNull();
  });
  it('refuses the builder as the third party, however it is spaced or bracketed', () => {
    expect(subjectProblem({ ...base, subjectKind: 'third_party', subjectName: '青岚县城市建设投资有限公司' })).toMatch(/建设（业主）单位/);
    expect(subjectProblem({ ...base, subjectKind: 'third_party', subjectName: ' 青岚县（城市建设投资）有限公司 ' })).toMatch(/建设（业主）单位/);
    // a branch of the builder is the builder
    expect(subjectProblem({ ...base, subjectKind: 'third_party', subjectName: '青岚县城市建设投资有限公司项目部' })).not.toBeNull();
  });
  it('refuses the department when it builds the project itself', () => {
    expect(subjectProblem({ subjectKind: 'department', subjectName: '', responsibleUnitName: '青岚县交通运输局', builderName: '青岚县交通运输局' })).toMatch(
      /须委托独立第三方/,
    );
  });
  it('needs a named third party', () => {
    expect(subjectProblem({ ...base, subjectKind: 'third_party', subjectName: '  ' })).toBe('未写明评估主体');
  });
});
