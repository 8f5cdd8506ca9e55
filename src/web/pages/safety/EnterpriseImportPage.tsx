import { ImportPage } from '../../components/imports/ImportPage.tsx';

/** 导入企业登记册 /safety/enterprises/import: the register's declared import (kernel/imports, kind safety_register). */
export function EnterpriseImportPage() {
  return (
    <ImportPage
      kind="safety_register"
      name="企业登记册"
      itemNoun="家企业（场所）"
      description="每行登记一家企业（场所）：行业领域、属地乡镇和行业主管部门按名称填写；第一责任人姓名和电话加密保存、列表中脱敏显示；导入的每一家都记入审计。"
    />
  );
}
