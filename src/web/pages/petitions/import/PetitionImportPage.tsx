import { ImportPage } from '../../../components/imports/ImportPage.tsx';

/** 导入信访台账 /xf/import: the 信访 module's declared ledger import (kernel/imports). */
export function PetitionImportPage() {
  return (
    <ImportPage
      kind="petition_ledger"
      name="信访台账"
      itemNoun="件信访事项"
      description="每行按登记程序入库：自动生成编号、查询码、集体访/重复信访等标记和受理期限（自登记日期起算），并记入审计。"
    />
  );
}
