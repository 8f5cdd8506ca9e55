import { App } from 'antd';
import type { FormInstance } from 'antd';
import { useCallback } from 'react';
import { ApiError } from '../api/client.ts';

/**
 * Shows an API failure the way users expect: on the form field the server named (validation,
 * duplicate code …) when the form has that field, otherwise as a message toast.
 */
export function useApiError(): (err: unknown, form?: FormInstance) => void {
  const { message } = App.useApp();
  return useCallback(
    (err: unknown, form?: FormInstance) => {
      if (err instanceof ApiError) {
        if (err.status === 401) return; // the client already sends us to /login
        const field = err.field;
        if (form && field && form.getFieldInstance(field) !== undefined) {
          form.setFields([{ name: field, errors: [err.message] }]);
          return;
        }
        void message.error(err.message);
        return;
      }
      void message.error('操作失败：' + String(err));
    },
    [message],
  );
}
