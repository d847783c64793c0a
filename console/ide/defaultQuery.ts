/** What the editor holds the first time: enterprises with their legal representative, across two departments. */
export const DEFAULT_QUERY = `# govgraph: one graph over many departments. What comes back is decided field by field:
# the govgraph panel on the left says, before you run it, what your token gives you.
# govgraph：跨部门的数据图谱，逐字段决定可读内容；左侧 govgraph 面板在运行前说明访问决定。
#
# Enterprises (market regulation) with their legal representative (population registry).
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
