import { useCallback, useEffect, useState } from 'react';

export type Place = { state: 'locating' } | { state: 'found'; latitude: number; longitude: number; accuracy: number } | { state: 'none'; note: string };

/** The phone's position for the record, with a sentence instead when it is refused or unavailable (the record is still allowed). */
export function usePlace(): { place: Place; locate: () => void } {
  const [place, setPlace] = useState<Place>({ state: 'locating' });
  const locate = useCallback(() => {
    if (!('geolocation' in navigator)) return setPlace({ state: 'none', note: '本机浏览器不能定位。记录仍可提交，请在检查情况说明中写明检查地点。' });
    setPlace({ state: 'locating' });
    navigator.geolocation.getCurrentPosition(
      (p) =>
        setPlace({
          state: 'found',
          latitude: Math.round(p.coords.latitude * 1e6) / 1e6,
          longitude: Math.round(p.coords.longitude * 1e6) / 1e6,
          accuracy: Math.round(p.coords.accuracy),
        }),
      (err) =>
        setPlace({
          state: 'none',
          note:
            err.code === err.PERMISSION_DENIED
              ? '未获得定位权限（浏览器已拒绝；纯 HTTP 地址下手机浏览器也不提供定位）。记录仍可提交，请在检查情况说明中写明检查地点；需要定位时请在浏览器设置中允许本网站使用位置。'
              : '暂时无法定位（信号弱或定位服务未打开）。可点“重新定位”；记录仍可提交，请在检查情况说明中写明检查地点。',
        }),
      { enableHighAccuracy: true, timeout: 20_000, maximumAge: 60_000 },
    );
  }, []);
  useEffect(locate, [locate]);
  return { place, locate };
}
