import { Link } from 'react-router-dom';
import { WithMeta } from './PortalLayout.tsx';
import { Section, Tag } from './ui.tsx';

/**
 * 办事指南: the three matter types in plain words, and the statutory rule that matters belonging to
 * litigation, arbitration or 行政复议 go there (《信访工作条例》第31条) — told before anyone writes a petition.
 */
export function GuidePage() {
  return (
    <>
      <h1 className="portal-title">办事指南</h1>
      <WithMeta>
        {(meta) => (
          <>
            {meta.matterTypes.map((m) => (
              <Section key={m.code} title={m.name}>
                <p>{m.explain}</p>
                {m.anonymousAllowed ? <Tag color="green">可以匿名</Tag> : <Tag>需要实名（姓名和手机号）</Tag>}
              </Section>
            ))}
            <Section title="应当通过法定途径解决的事项">
              <p>依照《信访工作条例》第三十一条，对依法应当通过诉讼、仲裁、行政复议等法定途径解决的事项，应当向有关机关提出：</p>
              <ul>
                <li>
                  <strong>诉讼</strong>：民事纠纷、对行政行为不服且可以起诉的，向人民法院起诉；已经进入诉讼程序或已有生效裁判的，按诉讼程序办理。
                </li>
                <li>
                  <strong>仲裁</strong>：劳动争议先向劳动人事争议仲裁委员会申请仲裁；约定了仲裁的合同纠纷向仲裁机构申请。
                </li>
                <li>
                  <strong>行政复议</strong>：认为行政机关的具体行政行为侵犯自身合法权益的，可以自知道之日起六十日内申请行政复议。
                </li>
              </ul>
              <p className="portal-muted">提交前，系统会根据您填写的内容提示可能适用的法定途径。</p>
            </Section>
            <Section title="办理时限">
              <ul>
                <li>收到信访事项后{meta.acceptDays}日内告知是否受理；在此之前页面上显示的期限均为“暂定”；</li>
                <li>
                  受理后一般{meta.handleDays}日内办结并出具处理意见书，情况复杂的可以延长，最长不超过{meta.handleExtendDays}日；
                </li>
                <li>
                  收到处理意见书后可在{meta.evaluationDays}日内评价；不服的，可在收到之日起{meta.reviewApplyDays}日内申请复查。
                </li>
              </ul>
            </Section>
            <Link to="/submit" className="portal-button portal-button-primary">
              我要信访 →
            </Link>
          </>
        )}
      </WithMeta>
    </>
  );
}
