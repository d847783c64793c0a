/** The languages of the govgraph panel (GraphiQL's own interface stays English). */
export type Lang = 'zh' | 'en';

export const LANGS: { lang: Lang; label: string; htmlLang: string }[] = [
  { lang: 'zh', label: '中文', htmlLang: 'zh-CN' },
  { lang: 'en', label: 'English', htmlLang: 'en' },
];

/** The panel's texts; a function where a text names something. */
export interface Texts {
  logo: string;
  panelTitle: string;
  language: string;
  intro: string;
  token: string;
  tokenHint: string;
  purpose: string;
  purposeHint: string;
  caseId: string;
  caseIdHint: string;
  apply: string;
  signOut: string;
  applied: string;
  signedOut: string;
  reader: string;
  identity: string;
  anonymous: string;
  unreadableToken: string;
  sub: string;
  roles: string;
  dept: string;
  clearance: string;
  expires: string;
  expired: string;
  none: string;
  decisions: string;
  decisionsIntro: string;
  signInForDecisions: string;
  checking: string;
  emptyQuery: string;
  invalidQuery: string;
  explainFailed: (reason: string) => string;
  forPurpose: (purpose: string | null) => string;
  allAllowed: (count: number) => string;
  withheld: (count: number, fields: string) => string;
  limited: (count: number, fields: string) => string;
  masked: (count: number) => string;
  field: string;
  decision: string;
  rule: string;
  allow: string;
  mask: (mask: string) => string;
  deny: string;
  ownRecordOnly: (access: string) => string;
  casePartiesOnly: (access: string) => string;
  orOwnRecord: (access: string) => string;
  orCaseParties: (access: string) => string;
  viaGrant: (grant: string) => string;
}

export const TEXTS: Record<Lang, Texts> = {
  zh: {
    logo: 'govgraph 查询图谱',
    panelTitle: 'govgraph 访问身份',
    language: '语言',
    intro: '查询自动附带下列身份（Authorization、X-Purpose、X-Case-Id 请求头），发送前逐字段说明访问决定。令牌只发往本站 /graphql。',
    token: '令牌（JWT）',
    tokenHint: '由 govgraph token 或控制台登录获得；仅保存在本标签页（sessionStorage）。',
    purpose: '用途（X-Purpose）',
    purposeHint: '策略词表中的用途，例如 application-review。',
    caseId: '案件编号（X-Case-Id）',
    caseIdHint: '仅在案件绑定的授权下需要。',
    apply: '应用',
    signOut: '清除',
    applied: '已应用：之后的请求将带上这些请求头。',
    signedOut: '已清除：请求将以匿名身份发送。',
    reader: '身份：',
    identity: '令牌所示身份（仅供显示，未校验）',
    anonymous: '未登录（匿名）',
    unreadableToken: '无法读取该令牌的内容。',
    sub: '主体',
    roles: '角色',
    dept: '部门',
    clearance: '密级',
    expires: '到期',
    expired: '已过期',
    none: '无',
    decisions: '发送前的访问决定',
    decisionsIntro: '编辑器中的查询，各字段将得到：',
    signInForDecisions: '请先登录（应用令牌）以查看访问决定。',
    checking: '正在查询访问决定…',
    emptyQuery: '编辑器中没有查询。',
    invalidQuery: '该查询无法通过校验：',
    explainFailed: (reason) => `无法获取访问决定：${reason}`,
    forPurpose: (purpose) => (purpose ? `用途：${purpose}` : '未声明用途'),
    allAllowed: (count) => `全部 ${count} 个字段均可读取。`,
    withheld: (count, fields) => `${count} 个字段将被拒绝：${fields}`,
    limited: (count, fields) => `${count} 个字段仅限本人记录或案件当事人：${fields}`,
    masked: (count) => `${count} 个字段将以掩码返回。`,
    field: '字段',
    decision: '决定',
    rule: '依据',
    allow: '允许 ALLOW',
    mask: (mask) => `掩码 MASK（${mask}）`,
    deny: '拒绝 DENY',
    ownRecordOnly: (access) => `仅本人记录（${access}）`,
    casePartiesOnly: (access) => `仅案件当事人（${access}）`,
    orOwnRecord: (access) => `本人记录：${access}`,
    orCaseParties: (access) => `案件当事人：${access}`,
    viaGrant: (grant) => `授权 ${grant}`,
  },
  en: {
    logo: 'govgraph query IDE',
    panelTitle: 'govgraph reader',
    language: 'Language',
    intro:
      'Queries carry this reader (the Authorization, X-Purpose and X-Case-Id headers); each field’s decision is explained before sending. The token goes only to this site’s /graphql.',
    token: 'Token (JWT)',
    tokenHint: 'From govgraph token or signing in to the console; kept in this tab only (sessionStorage).',
    purpose: 'Purpose (X-Purpose)',
    purposeHint: 'A purpose from the policies’ vocabulary, e.g. application-review.',
    caseId: 'Case id (X-Case-Id)',
    caseIdHint: 'Needed only under a case-bound grant.',
    apply: 'Apply',
    signOut: 'Clear',
    applied: 'Applied: requests from now on carry these headers.',
    signedOut: 'Cleared: requests go out anonymous.',
    reader: 'Reader:',
    identity: 'Who the token says (for display, not verified)',
    anonymous: 'Not signed in (anonymous)',
    unreadableToken: 'The token’s contents cannot be read.',
    sub: 'Subject',
    roles: 'Roles',
    dept: 'Department',
    clearance: 'Clearance',
    expires: 'Expires',
    expired: 'expired',
    none: 'none',
    decisions: 'Decisions before sending',
    decisionsIntro: 'For the query in the editor, each field gets:',
    signInForDecisions: 'Sign in (apply a token) to see decisions.',
    checking: 'Asking for the decisions…',
    emptyQuery: 'The editor holds no query.',
    invalidQuery: 'The query does not validate:',
    explainFailed: (reason) => `The decisions could not be fetched: ${reason}`,
    forPurpose: (purpose) => (purpose ? `Purpose: ${purpose}` : 'No purpose declared'),
    allAllowed: (count) => `All ${count} fields can be read.`,
    withheld: (count, fields) => `${count} ${count === 1 ? 'field' : 'fields'} will be withheld: ${fields}`,
    limited: (count, fields) => `${count} ${count === 1 ? 'field' : 'fields'} only on your own record or a case’s parties: ${fields}`,
    masked: (count) => `${count} ${count === 1 ? 'field comes' : 'fields come'} back masked.`,
    field: 'Field',
    decision: 'Decision',
    rule: 'Rule',
    allow: 'ALLOW',
    mask: (mask) => `MASK (${mask})`,
    deny: 'DENY',
    ownRecordOnly: (access) => `own record only (${access})`,
    casePartiesOnly: (access) => `case parties only (${access})`,
    orOwnRecord: (access) => `own record: ${access}`,
    orCaseParties: (access) => `case parties: ${access}`,
    viaGrant: (grant) => `grant ${grant}`,
  },
};
