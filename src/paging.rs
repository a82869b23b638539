//! Splitting a list into numbered pages.

/// One page of a list, numbered from 1.
#[derive(Debug, PartialEq)]
pub struct Page<'a, T> {
    pub items: &'a [T],
    pub number: usize,
    pub count: usize,
}

impl<T> Page<'_, T> {
    pub fn newer(&self) -> Option<usize> {
        (self.number > 1).then(|| self.number - 1)
    }

    pub fn older(&self) -> Option<usize> {
        (self.number < self.count).then(|| self.number + 1)
    }
}

/// How many pages `len` items make, `size` a page: at least one, even for no items.
pub fn page_count(len: usize, size: usize) -> usize {
    len.div_ceil(size.max(1)).max(1)
}

/// Page `number` of `items`, `size` a page; `None` when there is no such page. An empty list
/// still has a page 1, so an empty category shows "nothing here" rather than "not found".
pub fn page<T>(items: &[T], number: usize, size: usize) -> Option<Page<'_, T>> {
    let size = size.max(1);
    let count = page_count(items.len(), size);
    if number == 0 || number > count {
        return None;
    }
    let start = (number - 1) * size;
    let end = (start + size).min(items.len());
    Some(Page {
        items: items.get(start..end)?,
        number,
        count,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_into_pages() {
        let items: Vec<u32> = (1..=45).collect();
        let first = page(&items, 1, 20).expect("page 1");
        assert_eq!(first.items.len(), 20);
        assert_eq!(
            (first.number, first.count, first.newer(), first.older()),
            (1, 3, None, Some(2))
        );
        let last = page(&items, 3, 20).expect("page 3");
        assert_eq!(last.items, &[41, 42, 43, 44, 45]);
        assert_eq!((last.newer(), last.older()), (Some(2), None));
    }

    #[test]
    fn pages_that_do_not_exist() {
        let items: Vec<u32> = (1..=20).collect();
        assert!(page(&items, 0, 20).is_none());
        assert!(page(&items, 2, 20).is_none());
        assert!(page(&items, usize::MAX, 20).is_none());
    }

    #[test]
    fn an_empty_list_has_one_empty_page() {
        let items: Vec<u32> = Vec::new();
        let only = page(&items, 1, 20).expect("page 1");
        assert!(only.items.is_empty());
        assert_eq!((only.newer(), only.older()), (None, None));
    }
}
