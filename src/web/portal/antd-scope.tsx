import { useEffect, type ReactNode } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useTextSize } from './text-size.tsx';

dayjs.locale('zh-cn');

const CJK = /[\u3400-\u9fff]/;

/** The English names Ant Design gives its own buttons (the clear button of a picker, a close button), in Chinese. */
const BUTTON_NAMES: Record<string, string> = {
  clear: '清除',
  close: '关闭',
  'remove file': '删除文件',
  'download file': '下载文件',
  'preview file': '预览文件',
  search: '搜索',
  copy: '复制',
  copied: '已复制',
  expand: '展开',
  collapse: '收起',
  loading: '加载中',
};

/**
 * Screen readers read aria-labels, and Ant Design writes some in English: its icons name themselves
 * (aria-label="check-circle", "paper-clip", "down") — every one sits next to words that say the same in Chinese, so
 * they are marked decorative — and a few buttons are named in English ("Clear"), which are named in Chinese instead.
 */
function chineseLabels(root: ParentNode): void {
  for (const el of root.querySelectorAll<HTMLElement>('[aria-label]')) {
    const label = el.getAttribute('aria-label') ?? '';
    if (CJK.test(label)) continue;
    if (el.classList.contains('anticon')) {
      el.removeAttribute('aria-label');
      el.removeAttribute('role');
      el.setAttribute('aria-hidden', 'true');
      continue;
    }
    const zh = BUTTON_NAMES[label.trim().toLowerCase()];
    if (zh) el.setAttribute('aria-label', zh);
  }
}

function useChineseLabels(): void {
  useEffect(() => {
    chineseLabels(document.body);
    const observer = new MutationObserver((records) => {
      for (const r of records) {
        const target = r.type === 'attributes' ? r.target.parentNode : r.target;
        if (target) chineseLabels(target as ParentNode);
      }
    });
    observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-label'] });
    return () => observer.disconnect();
  }, []);
}

/**
 * Ant Design for the form pages only (submit, track, guide), loaded with them: the home page and the shell are plain
 * React, so a phone's first visit does not wait for antd. In the larger-text mode the controls grow with the text.
 */
export function AntdScope({ children }: { children: ReactNode }) {
  const { large } = useTextSize();
  useChineseLabels();
  const theme = { token: { colorPrimary: '#1f5fa8', borderRadius: 8, fontSize: large ? 20 : 16, controlHeight: large ? 52 : 44 } };
  return (
    <ConfigProvider locale={zhCN} theme={theme}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}
