/** What the editor holds the first time: enterprises with their legal representative, across two departments. */
export const DEFAULT_QUERY = `# Enterprises and their legal
# representative: two departments.
# 企业及其法定代表人（跨两个部门）
#
# The govgraph panel shows what
# your token gets, before sending.
# govgraph 面板：发送前的访问决定
query EnterprisesWithRepresentative {
  enterprises(first: 5) {
    totalCount
    edges {
      node {
        creditCode
        name
        status
        legalRepresentative {
          name
          phone
        }
      }
    }
  }
}
`;
