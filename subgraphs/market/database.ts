/** The legal-entity registry's own tables, as Kysely sees them. */
export type EnterpriseStatus = 'ACTIVE' | 'SUSPENDED' | 'REVOKED' | 'DEREGISTERED';

export interface EnterprisesTable {
  /** 18-character unified social credit code; the primary key. */
  credit_code: string;
  name: string;
  /** Legal form: 有限责任公司, 股份有限公司, 个人独资企业, 合伙企业 or 个体工商户. */
  kind: string;
  status: EnterpriseStatus;
  /** In units of 10,000 CNY. */
  registered_capital: number;
  /** YYYY-MM-DD */
  established_on: string;
  address: string;
  business_scope: string;
  /** Resident ID number of the legal representative (a Person of the population registry). */
  legal_representative_id: string;
}

export interface MarketDatabase {
  enterprises: EnterprisesTable;
}

export type EnterpriseRow = EnterprisesTable;
