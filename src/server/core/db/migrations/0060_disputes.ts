import { sql, type Kysely } from 'kysely';

/**
 * 矛盾纠纷排查调处 (issue 15): the configurable dispute types, the register (one row per work item of kind
 * 'dispute'), its parties (personal data encrypted and masked as for petitioners), mediation sessions, screening
 * campaigns with each unit's report (零报告 is a report: a row with zero = true; silence is the absence of a row),
 * and the law the module reads as data: the protection routes shown on an urgent case (反家庭暴力法) and the routes
 * told to the parties when mediation fails (人民调解法 art. 26) — each with its source.
 * The time limits (med.settle 一个月调结, med.confirm.apply 司法确认 30日) are already in legal_rules.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE dispute_types (
      id        bigserial PRIMARY KEY,
      code      text NOT NULL UNIQUE CHECK (code ~ '^[a-z][a-z0-9_]{0,39}$'),
      name      text NOT NULL,
      sort      integer NOT NULL DEFAULT 0,
      disabled  boolean NOT NULL DEFAULT false
    );
    INSERT INTO dispute_types (code, name, sort) VALUES
      ('neighbour', '邻里纠纷', 1), ('family', '婚姻家庭纠纷', 2), ('land', '土地山林纠纷', 3), ('labour', '劳资纠纷', 4),
      ('contract', '合同纠纷', 5), ('expropriation', '征地拆迁纠纷', 6), ('property', '物业纠纷', 7), ('medical', '医患纠纷', 8),
      ('traffic', '交通事故纠纷', 9), ('environment', '环境污染纠纷', 10), ('other', '其他纠纷', 99);

    CREATE TABLE dispute_campaigns (
      id               bigserial PRIMARY KEY,
      kind             text NOT NULL CHECK (kind IN ('concentrated', 'key', 'regular')),
      name             text NOT NULL,
      period_from      date NOT NULL,
      period_to        date NOT NULL CHECK (period_to >= period_from),
      organiser_unit_id bigint NOT NULL REFERENCES units(id),
      focus            text,
      created_by       bigint REFERENCES users(id),
      created_at       timestamptz NOT NULL
    );
    CREATE TABLE dispute_campaign_units (
      campaign_id  bigint NOT NULL REFERENCES dispute_campaigns(id),
      unit_id      bigint NOT NULL REFERENCES units(id),
      PRIMARY KEY (campaign_id, unit_id)
    );
    CREATE TABLE dispute_campaign_reports (
      id           bigserial PRIMARY KEY,
      campaign_id  bigint NOT NULL REFERENCES dispute_campaigns(id),
      unit_id      bigint NOT NULL REFERENCES units(id),
      reported_on  date NOT NULL,
      zero         boolean NOT NULL,
      screened_by  text,
      note         text,
      reported_by  bigint REFERENCES users(id),
      created_at   timestamptz NOT NULL,
      UNIQUE (campaign_id, unit_id)
    );

    CREATE TABLE disputes (
      id                 bigint PRIMARY KEY REFERENCES work_items(id),
      source             text NOT NULL CHECK (source IN ('screening', 'visit', 'grid', 'petition', 'hotline')),
      type_id            bigint NOT NULL REFERENCES dispute_types(id),
      campaign_id        bigint REFERENCES dispute_campaigns(id),
      place_unit_id      bigint NOT NULL REFERENCES units(id),
      place              text,
      facts              text NOT NULL,
      amount             numeric(14, 2),
      people_count       integer NOT NULL DEFAULT 2 CHECK (people_count >= 1),
      found_on           date NOT NULL,
      urgent             boolean NOT NULL DEFAULT false,
      risk_kind          text CHECK (risk_kind IN ('domestic_violence', 'violence', 'group')),
      risk_note          text,
      mediation_kind     text CHECK (mediation_kind IN ('people', 'administrative', 'judicial')),
      committee          text,
      mediator_name      text,
      mediator_user_id   bigint REFERENCES users(id),
      accepted_on        date,
      refused_party      text,
      refused_reason     text,
      agreement_form     text CHECK (agreement_form IN ('written', 'oral')),
      agreed_on          date,
      points             text,
      responsibility     text,
      terms              text,
      perform_method     text,
      perform_due_on     date,
      effective_on       date,
      performed_on       date,
      perform_note       text,
      confirm_applied_on date,
      confirm_court      text,
      confirm_result     text CHECK (confirm_result IN ('confirmed', 'invalid')),
      revisit_on         date,
      revisit_note       text,
      outcome            text CHECK (outcome IN ('resolved', 'failed', 'refused', 'escalated')),
      failure_reason     text,
      routes_told        text[],
      resolved_level     text CHECK (resolved_level IN ('village', 'township', 'county')),
      closed_on          date,
      registered_by      bigint REFERENCES users(id)
    );
    CREATE INDEX disputes_found_idx ON disputes (found_on DESC, id DESC);
    CREATE INDEX disputes_campaign_idx ON disputes (campaign_id) WHERE campaign_id IS NOT NULL;

    CREATE TABLE dispute_parties (
      id                bigserial PRIMARY KEY,
      dispute_id        bigint NOT NULL REFERENCES disputes(id),
      role              text NOT NULL CHECK (role IN ('applicant', 'respondent', 'third')),
      name_enc          text NOT NULL,
      name_masked       text NOT NULL,
      id_number_enc     text,
      id_number_masked  text,
      phone_enc         text,
      phone_masked      text,
      sort              integer NOT NULL DEFAULT 0
    );
    CREATE INDEX dispute_parties_dispute_idx ON dispute_parties (dispute_id);

    CREATE TABLE dispute_sessions (
      id          bigserial PRIMARY KEY,
      dispute_id  bigint NOT NULL REFERENCES disputes(id),
      held_on     date NOT NULL,
      place       text,
      mediators   text NOT NULL,
      record      text NOT NULL,
      created_by  bigint REFERENCES users(id),
      created_at  timestamptz NOT NULL
    );
    CREATE INDEX dispute_sessions_dispute_idx ON dispute_sessions (dispute_id);
  `.execute(db);
  // parameters: one statement per execution
  await sql`
    INSERT INTO settings (key, value, updated_at) VALUES
      ('dispute.protection_routes', ${JSON.stringify({
        routes: [
          { name: '报警求助，由公安机关出具告诫书', source: '《中华人民共和国反家庭暴力法》第十三条、第十六条' },
          {
            name: '向人民法院申请人身安全保护令（法院应在七十二小时内作出，情况紧急的二十四小时内作出）',
            source: '《中华人民共和国反家庭暴力法》第二十三条、第二十八条',
          },
          { name: '妇女联合会、居（村）民委员会提供帮助、庇护', source: '《中华人民共和国反家庭暴力法》第十四条、第十八条' },
        ],
      })}::jsonb, now()),
      ('dispute.failure_routes', ${JSON.stringify({
        source: '《中华人民共和国人民调解法》第二十六条',
        routes: { arbitration: '申请仲裁', admin_handling: '请求有关行政机关处理（行政调解、行政裁决）', litigation: '向人民法院提起诉讼' },
      })}::jsonb, now())
    ON CONFLICT DO NOTHING;
  `.execute(db);
}
