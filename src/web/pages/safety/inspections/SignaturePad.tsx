import { useEffect, useRef } from 'react';
import { Button, Space, Typography } from 'antd';

/** A hand signature drawn with the mouse, a pen or a finger; the value is a PNG data URL (undefined while blank). */
export function SignaturePad(props: { value?: string; onChange?: (v: string | undefined) => void; testId?: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const { value, onChange } = props;

  useEffect(() => {
    if (!value && canvas.current) canvas.current.getContext('2d')?.clearRect(0, 0, canvas.current.width, canvas.current.height);
  }, [value]);

  const point = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const c = canvas.current!;
    const r = c.getBoundingClientRect();
    return [((e.clientX - r.left) * c.width) / r.width, ((e.clientY - r.top) * c.height) / r.height] as const;
  };
  const down = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    drawing.current = true;
    canvas.current!.setPointerCapture(e.pointerId);
    ctx.lineWidth = 3;
    ctx.lineCap = 'round';
    ctx.strokeStyle = '#142060';
    ctx.beginPath();
    ctx.moveTo(...point(e));
  };
  const move = (e: React.PointerEvent<HTMLCanvasElement>) => {
    if (!drawing.current) return;
    const ctx = canvas.current!.getContext('2d')!;
    ctx.lineTo(...point(e));
    ctx.stroke();
  };
  const up = () => {
    if (!drawing.current) return;
    drawing.current = false;
    onChange?.(canvas.current!.toDataURL('image/png'));
  };
  return (
    <div>
      <canvas
        ref={canvas}
        width={480}
        height={140}
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerLeave={up}
        style={{
          width: '100%',
          maxWidth: 480,
          height: 140,
          border: '1px dashed #bbb',
          borderRadius: 6,
          background: '#fff',
          touchAction: 'none',
          display: 'block',
        }}
        data-testid={props.testId}
        aria-label="签名区"
      />
      <Space style={{ marginTop: 4 }}>
        <Typography.Text type="secondary">{value ? '已签名' : '请在框内手写签名'}</Typography.Text>
        <Button size="small" onClick={() => onChange?.(undefined)} disabled={!value}>
          清除重签
        </Button>
      </Space>
    </div>
  );
}
